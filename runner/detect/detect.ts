import { Redactor } from '../http/redact.js';
import type { Case, Feature, Side } from '../suite/types.js';
import type { DetectedFeatures } from '../target/detected.js';
import { missingFeatures, pairEnv, type RunEnv, type RunPlan } from '../target/env.js';
import { probeAs } from './probe-as.js';
import { probeRs } from './probe-rs.js';
import { probeSend } from './probe-exchange.js';

type Detected = Partial<Record<Side, DetectedFeatures>>;

/** The plan with the detected features added to each side's declared ones (a declared feature always stands). */
function withDetected(plan: RunPlan, detected: Detected): RunPlan {
  const summary = { ...plan.summary };
  if (summary.as && detected.as) summary.as = { ...summary.as, detected: detected.as };
  if (summary.rs && detected.rs) summary.rs = { ...summary.rs, detected: detected.rs };
  const widened = (env: RunEnv, added: Feature[]): RunEnv => ({
    ...env,
    features: new Set([...env.features, ...added]),
  });
  return {
    ...plan,
    summary,
    envFor: (c: Case) => {
      const given = plan.envFor(c);
      const sides: Side[] = c.target === 'both' ? ['as', 'rs'] : [c.target];
      const added = sides.flatMap((s) => detected[s]?.added ?? []);
      const envs = sides.map((s) => plan.envs?.[s]);
      if (envs.some((e) => !e) || !added.length || ('skip' in given && given.notApplicable)) return given;
      const [as, rs] = sides.map((s, i) => widened(envs[i]!, detected[s]?.added ?? []));
      const features = rs ? pairEnv(as, rs) : as;
      const missing = missingFeatures(c, features.features);
      return missing.length
        ? { skip: `the target does not declare ${missing.join(', ')}, nor did --detect find it` }
        : features;
    },
  };
}

/**
 * `run --detect`: probes each side under test (probe-as.ts, probe-rs.ts: a few bounded
 * requests each), and returns the plan with what they found recorded in its summary
 * (report.json, report.html) and the features found but not declared added. Lines for
 * the user say what was found; they quote the server and must be printed sanitised.
 */
export async function detectFeatures(plan: RunPlan): Promise<{ plan: RunPlan; lines: string[] }> {
  const detected: Detected = {};
  const lines: string[] = [];
  const redactor = new Redactor();
  for (const s of plan.secrets) redactor.add(s);
  for (const [real, seen] of plan.shown ?? []) redactor.addShown(real, seen);
  for (const side of ['as', 'rs'] as const) {
    const env = plan.envs?.[side];
    if (!env) continue;
    const probe = side === 'as' ? probeAs : probeRs;
    const probed = await probe(env, probeSend(env.send));
    const findings = probed.findings.map((f) => ({ probe: f.probe, found: redactor.text(f.found) }));
    const supported = probed.supported;
    const found = [...supported];
    const added = found.filter((f) => !env.features.has(f));
    detected[side] = { findings, supported: found, added };
    lines.push(`detect: ${env.label}`);
    for (const f of findings) lines.push(`  ${f.probe}: ${f.found}`);
    lines.push(
      `  features found: ${found.join(', ') || 'none'}; added to this run: ${added.join(', ') || 'none'}${env.features.size ? ` (declared: ${[...env.features].join(', ')})` : ''}`,
    );
  }
  return { plan: withDetected(plan, detected), lines };
}
