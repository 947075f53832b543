import type { CaseResult } from '../../runner/engine/run-case.js';
import { esc } from './escape.js';
import { specRefHtml } from './spec-links.js';

const pretty = (v: unknown) => esc(JSON.stringify(v, null, 2));

function assertionsHtml(r: CaseResult): string {
  if (!r.assertions.length) return '';
  const rows = r.assertions.map(
    (a) =>
      `<tr class="${a.ok ? 'ok' : 'bad'}"><td>${a.step}</td><td>${esc(a.what)}${a.ref ? ` <small>(${specRefHtml(a.ref)})</small>` : ''}</td><td>${esc(a.expected)}</td><td>${esc(a.actual)}</td><td>${a.ok ? 'ok' : 'FAILED'}</td></tr>`,
  );
  return `<table class="assertions"><thead><tr><th>step</th><th>requirement</th><th>expected</th><th>actual</th><th></th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

function transcriptHtml(r: CaseResult): string {
  return r.transcript
    .map((x) => {
      const req = `${esc(x.request.method)} ${esc(x.request.url)}\n${x.request.headers.map(([k, v]) => `${esc(k)}: ${esc(v)}`).join('\n')}${x.request.body ? `\n\n${esc(x.request.body)}` : ''}`;
      const res = x.response
        ? `${x.response.status}\n${Object.entries(x.response.headers)
            .map(([k, v]) => `${esc(k)}: ${esc(v)}`)
            .join('\n')}\n\n${esc(x.response.body)}`
        : esc(x.note ?? 'no response');
      const decoded = Object.entries(x.decoded)
        .map(([name, d]) => `<h4>${esc(name)}</h4><pre>${pretty(d.header)}\n${pretty(d.claims)}</pre>`)
        .join('');
      return `<div class="exchange"><h4>step ${x.step}: ${esc(x.kind)}</h4><pre>${req}</pre><h4>response</h4><pre>${res}</pre>${decoded}</div>`;
    })
    .join('');
}

/** One case as an expandable block (works without JavaScript: <details>). */
export function caseHtml(r: CaseResult): string {
  const text = [r.id, r.title, r.reason, r.ref, r.tags.join(' ')].join(' ').toLowerCase();
  return `<details class="case" data-status="${esc(r.status)}" data-level="${esc(r.level)}" data-tags="${esc(r.tags.join(' '))}" data-text="${esc(text)}" id="${esc(r.id)}">
<summary><span class="badge ${esc(r.status)}">${esc(r.status)}</span><span class="id">${esc(r.id)}</span><span class="level">${esc(r.level)}</span><span>${esc(r.title)}</span></summary>
<div class="body">
${r.reason ? `<p class="reason">${esc(r.reason)}</p>` : ''}
<dl class="facts">
<dt>requirement</dt><dd>${specRefHtml(r.ref)}${r.quote ? ` — “${esc(r.quote)}”` : ''}</dd>
${r.mutation ? `<dt>mutation</dt><dd>${esc(r.mutation)}</dd>` : ''}
<dt>suite</dt><dd>${esc(r.suite)} (${esc(r.file)}:${r.line}), target ${esc(r.target)}, profile ${esc(r.profile)}</dd>
<dt>tags</dt><dd>${r.tags.map((t) => `<span class="tag">${esc(t)}</span>`).join('')}</dd>
<dt>duration</dt><dd>${r.durationMs} ms${r.environment ? ` against ${esc(r.environment)}` : ''}</dd>
</dl>
${assertionsHtml(r)}
${transcriptHtml(r)}
</div>
</details>`;
}
