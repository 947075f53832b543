import type { CaseResult } from '../../runner/engine/run-case.js';
import { sectionOf } from '../case-order.js';
import { esc } from './escape.js';
import { transcriptHtml } from './render-transcript.js';
import { specRefHtml } from './spec-links.js';

function assertionsHtml(r: CaseResult): string {
  if (!r.assertions.length) return '';
  const rows = r.assertions.map(
    (a) =>
      `<tr class="${a.ok ? 'ok' : 'bad'}"><td data-label="step">${esc(a.step)}</td><td data-label="requirement">${esc(a.what)}${a.ref ? ` <small>(${specRefHtml(a.ref)})</small>` : ''}</td><td data-label="expected">${esc(a.expected)}</td><td data-label="actual">${esc(a.actual)}</td><td data-label="">${a.ok ? 'ok' : 'FAILED'}</td></tr>`,
  );
  return `<div class="scroll"><table class="assertions"><thead><tr><th>step</th><th>requirement</th><th>expected</th><th>actual</th><th></th></tr></thead><tbody>${rows.join('')}</tbody></table></div>`;
}

/** One case as an expandable block (works without JavaScript: <details>); the reason shows in the row itself. */
export function caseHtml(r: CaseResult): string {
  const text = [r.id, r.title, r.reason, r.ref, r.tags.join(' ')].join(' ').toLowerCase();
  const reasonLine = r.status !== 'pass' && r.reason ? `<span class="row-reason">${esc(r.reason)}</span>` : '';
  return `<details class="case" data-status="${esc(r.status)}" data-level="${esc(r.level)}" data-section="${esc(sectionOf(r.ref))}" data-tags="${esc(r.tags.join(' '))}" data-text="${esc(text)}" id="${esc(r.id)}">
<summary><span class="badge ${esc(r.status)}">${esc(r.status)}</span><span class="id">${esc(r.id)}</span><span class="level">${esc(r.level)}</span><span class="title">${esc(r.title)}</span>${reasonLine}</summary>
<div class="body">
${r.reason ? `<p class="reason">${esc(r.reason)}</p>` : ''}
<dl class="facts">
<dt>requirement</dt><dd>${specRefHtml(r.ref)}${r.quote ? ` — “${esc(r.quote)}”` : ''}</dd>
${r.mutation ? `<dt>mutation</dt><dd>${esc(r.mutation)}</dd>` : ''}
<dt>suite</dt><dd>${esc(r.suite)} (${esc(r.file)}:${esc(r.line)}), target ${esc(r.target)}, profile ${esc(r.profile)}</dd>
<dt>tags</dt><dd>${r.tags.map((t) => `<span class="tag">${esc(t)}</span>`).join('')}</dd>
<dt>duration</dt><dd>${esc(r.durationMs)} ms${r.environment ? ` against ${esc(r.environment)}` : ''}</dd>
</dl>
${assertionsHtml(r)}
${transcriptHtml(r)}
</div>
</details>`;
}
