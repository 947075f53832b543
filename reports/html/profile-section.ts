import { profileItems, sideTitle } from '../../runner/profile/profile-text.js';
import type { JsonReport } from '../json-report.js';
import { esc } from './escape.js';

/** report.html's "Server profile" section (docs/server-profile.md): each side's measured items; empty without a profile. */
export function profileSectionHtml(report: JsonReport): string {
  const p = report.profile;
  if (!p) return '';
  const sides = p.sides.map(
    (s) => `<h3>${esc(sideTitle(s))}</h3>
<table class="assertions profile"><tbody>${profileItems(s)
      .map(([label, value]) => `<tr><th scope="row">${esc(label)}</th><td>${esc(value)}</td></tr>`)
      .join('')}</tbody></table>`,
  );
  const time =
    p.time === 'mock-clock'
      ? "the time probes moved the mocks' clock"
      : `the time probes waited at most ${p.waitBudget} s`;
  return `<h2 id="server-profile">Server profile <small>measured, not graded</small></h2>
<p class="hint">What the server accepts, measured with a bounded number of requests (${esc(time)}); docs/server-profile.md. Nothing here changes a verdict or the exit code.</p>
${sides.join('\n') || '<p>No side under test.</p>'}`;
}
