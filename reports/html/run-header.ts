import type { JsonReport } from '../json-report.js';
import type { DetectedFeatures } from '../../runner/target/detected.js';
import { esc } from './escape.js';

/** One line naming the target (also the page title). */
export function targetLine(report: JsonReport): string {
  const t = report.target;
  if (t.mode === 'bundled-mocks') return 'the bundled mocks';
  return [t.as ? `AS ${t.as.issuer}` : '', t.rs ? `RS ${t.rs.resource}` : ''].filter(Boolean).join(', ');
}

const list = (xs: readonly string[] | undefined, none: string) =>
  xs?.length ? xs.map((x) => `<code>${esc(x)}</code>`).join(' ') : `<span class="none">${esc(none)}</span>`;

/** What --detect found of one side: the features it added, then each probe and its answer. */
function detectedHtml(d: DetectedFeatures): string {
  const findings = d.findings.map((f) => `<li>${esc(f.probe)}: ${esc(f.found)}</li>`).join('');
  return `added to the declared features: ${list(d.added, 'none')} (found: ${list(d.supported, 'none')})<ul class="detected">${findings}</ul>`;
}

const seconds = (n: number) => `${n > 0 ? '+' : ''}${n} s`;

/** A server's clock against the runner's: the estimate from its Date header and what was applied. */
function clockHtml(c: NonNullable<NonNullable<JsonReport['target']['as']>['clock']>): string {
  const estimate =
    c.estimatedSkew === undefined
      ? 'no usable Date header'
      : `about ${esc(seconds(c.estimatedSkew))} (from its Date header)`;
  const option = c.option === undefined ? 'no --clock-skew' : `--clock-skew ${esc(c.option)}`;
  return `${estimate}; applied ${esc(seconds(c.appliedSkew))} (${option})`;
}

/** How certificates were checked: --insecure first and loud, else the CAs trusted besides the system's. */
function tlsHtml(t: NonNullable<JsonReport['target']['tls']>): string {
  if (t.insecure) return '<strong>certificates not checked (--insecure)</strong>';
  const extra = [
    ...t.caFiles.map((f) => `<code>${esc(f)}</code> (--ca)`),
    ...(t.targetCaFiles ?? []).map((f) => `<code>${esc(f)}</code> (the target's tls.ca)`),
    ...(t.extraCaCerts ? [`<code>${esc(t.extraCaCerts)}</code> (NODE_EXTRA_CA_CERTS)`] : []),
  ];
  return `the system's CAs and ${extra.join(', ')}`;
}

/** The run's facts under the title: target, features, selection, mock faults (a self-test run says so). */
export function runFactsHtml(report: JsonReport): string {
  const t = report.target;
  const featureSource = t.mode === 'bundled-mocks' ? 'the bundled mocks’ features' : 'declared features';
  const rows: [string, string][] = [['target', esc(targetLine(report))]];
  if (t.as) rows.push([`AS ${featureSource}`, list(t.as.features, 'none')]);
  if (t.as?.detected) rows.push(['AS detected (--detect)', detectedHtml(t.as.detected)]);
  if (t.rs) rows.push([`RS ${featureSource}`, list(t.rs.features, 'none')]);
  if (t.rs?.detected) rows.push(['RS detected (--detect)', detectedHtml(t.rs.detected)]);
  if (t.tls) rows.push(['TLS', tlsHtml(t.tls)]);
  if (t.as?.clock) rows.push(['AS clock', clockHtml(t.as.clock)]);
  if (t.rs?.clock) rows.push(['RS clock', clockHtml(t.rs.clock)]);
  const run = report.run;
  if (run) {
    const s = run.selection;
    const picked = [
      s.suites.length ? `suite ${list(s.suites, '')}` : '',
      s.ids.length ? `id ${list(s.ids, '')}` : '',
      s.tags.length ? `tag ${list(s.tags, '')}` : '',
      s.levels.length ? `level ${list(s.levels, '')}` : '',
    ].filter(Boolean);
    rows.push(['selection', `${picked.length ? picked.join(' · ') : 'every case'} (${esc(run.selected)} selected)`]);
    rows.push(['mock faults', list(run.faults, 'none')]);
  }
  rows.push([
    'run',
    `${esc(report.runId)} · ${esc(report.startedAt)} → ${esc(report.finishedAt)} · dpop-conformance ${esc(report.tool.version)}`,
  ]);
  const selftest = run?.faults.length
    ? `<p class="selftest">Self-test run: the bundled mocks ran with faults switched on, to prove the cases can fail. This is not a verdict on any server.</p>`
    : '';
  return `${selftest}<dl class="run-facts">${rows.map(([k, v]) => `<dt>${esc(k)}</dt><dd>${v}</dd>`).join('')}</dl>`;
}
