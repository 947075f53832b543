import { non2xxRatio, shortRunLine, unsoundLine, unsoundRows, type BenchReport } from '../bench-report.js';
import { esc } from './escape.js';

const n = (v: number, digits = 0) => v.toLocaleString('en-US', { maximumFractionDigits: digits });

/** report.html's section of `dpop-conformance bench`: req/s and latency per kind, the ratios, Model B's negotiation. */
export function benchHtml(b: BenchReport): string {
  const rows = b.kinds.map(
    (r) =>
      `<tr><td>(${esc(r.kind)}) ${esc(r.label)}</td><td>${n(r.reqPerSec)}</td><td>${n(r.p50, 1)}</td><td>${n(r.p99, 1)}</td><td>${n(r.requests)}</td><td>${n(non2xxRatio(r) * 100, 1)}%</td><td>${n(r.errors)}</td></tr>`,
  );
  const ratios = b.ratios.map((r) => `${esc(r.name)} ${n(r.value, 2)}`).join(' · ');
  const neg = b.negotiation;
  const negotiation = neg
    ? neg.failed !== undefined
      ? `Model B negotiation failed: ${esc(neg.failed)}`
      : `Model B: the negotiation request ${n(neg.negotiateMs ?? 0, 1)} ms, a steady request ${n(neg.steadyMs ?? 0, 1)} ms (extra ${n(neg.extraMs ?? 0, 1)} ms)`
    : '';
  const unsound = unsoundRows(b.kinds, { baselineRefused: true }).map(
    (r) => `<p><strong>${esc(unsoundLine(r))}</strong></p>`,
  );
  const short = b.kinds
    .map((r) => shortRunLine(r, b.seconds))
    .filter((line) => line !== undefined)
    .map((line) => `<p class="hint">${esc(line)}</p>`);
  const warm = b.warmUpSeconds ? `, after ${n(b.warmUpSeconds)} s un-timed warm-up a kind` : ', no warm-up';
  const skipped = b.skipped.map((s) => `(${esc(s.kind)}) ${esc(s.reason)}`).join('; ');
  return `<h2 id="bench">RS under load <small>${esc(b.resource)}, ${n(b.seconds)} s a kind, ${n(b.connections)} connections${warm}</small></h2>
<div class="scroll"><table class="summary"><thead><tr><th>kind</th><th>req/s</th><th>p50 ms</th><th>p99 ms</th><th>answers</th><th>non-2xx</th><th>errors</th></tr></thead><tbody>${rows.join('')}</tbody></table></div>
${unsound.join('')}${short.join('')}${ratios ? `<p>Ratios of req/s: ${ratios}</p>` : ''}${negotiation ? `<p>${negotiation}</p>` : ''}${skipped ? `<p class="hint">Not run: ${skipped}</p>` : ''}`;
}
