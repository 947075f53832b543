import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseFlags } from './parse-flags.js';
import { EXIT } from '../../base/errors.js';
import { DEFAULT_SEND } from '../http/send.js';
import { planRun } from '../target/plan-run.js';
import { profileLines } from '../profile/profile-text.js';
import { profileBundledMocks, profilePlan } from '../profile/run-profile.js';
import type { ServerProfile } from '../profile/types.js';
import { parseFeatureList } from '../suite/features.js';
import { prepareOutputFolder } from './check-outputs.js';
import { MAX_TIMER_MS, wholeNumber } from './numbers.js';
import { clockSkewOption, httpUrl } from './run-command.js';
import { printable } from './terminal-text.js';
import { profileWait } from './profile-wait.js';
import { UsageError } from '../../base/errors.js';

/**
 * `dpop-conformance profile`: the server profile alone (docs/server-profile.md), against
 * --as, --rs, a --target file, or the bundled mocks. Planned as `run` plans a target
 * (reachability, discovery, TLS options, the bounded client); writes DIR/profile.json and
 * prints the profile. Measured, not graded: exit 0 whatever it finds; bad input exits 2.
 */
export async function profileCommand(args: string[], out: (line: string) => void): Promise<number> {
  const { values, positionals } = parseFlags({
    args,
    allowPositionals: true,
    options: {
      as: { type: 'string' },
      rs: { type: 'string' },
      target: { type: 'string' },
      out: { type: 'string' },
      timeout: { type: 'string' },
      'clock-skew': { type: 'string' },
      ca: { type: 'string', multiple: true },
      insecure: { type: 'boolean' },
      features: { type: 'string', multiple: true },
      'profile-wait': { type: 'string' },
    },
  });
  if (positionals.length)
    throw new UsageError(`profile takes no positional argument (got ${printable(positionals[0].slice(0, 40))})`);
  const as = httpUrl('--as', values.as);
  const rs = httpUrl('--rs', values.rs);
  const vendor = as || rs || values.target;
  const clockSkew = clockSkewOption(values['clock-skew']);
  if (!vendor && (clockSkew !== undefined || values.ca || values.insecure || values.features))
    throw new UsageError('--clock-skew, --ca, --insecure and --features apply to a vendor target only');
  const features = values.features ? parseFeatureList('--features', values.features) : undefined;
  const timeoutMs =
    values.timeout === undefined
      ? DEFAULT_SEND.timeoutMs
      : wholeNumber('timeout', values.timeout, { min: 1, max: MAX_TIMER_MS });
  const wait = profileWait(values['profile-wait']);
  const outDir = values.out ?? 'reports-out';
  prepareOutputFolder('--out', outDir);
  let profile: ServerProfile;
  if (vendor) {
    const { plan, send } = await planRun({
      vendor: { as, rs, targetFile: values.target, clockSkew, features },
      timeoutMs,
      tls: { caFiles: values.ca, insecure: values.insecure },
      say: out,
    });
    try {
      for (const note of plan.notes ?? []) out(note);
      profile = await profilePlan(plan, send, wait);
    } finally {
      await plan.close();
    }
  } else profile = await profileBundledMocks({ ...DEFAULT_SEND, timeoutMs });
  const path = join(resolve(outDir), 'profile.json');
  writeFileSync(path, JSON.stringify(profile, null, 2) + '\n');
  for (const line of profileLines(profile)) out(printable(line));
  out(`wrote ${path}`);
  return EXIT.OK;
}
