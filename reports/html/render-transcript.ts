import type { CaseResult } from '../../runner/engine/run-case.js';
import type { Exchange } from '../../runner/engine/transcript.js';
import { curlCommand } from './curl.js';
import { esc } from './escape.js';
import { jsonHtml } from './json-html.js';
import { mutatedField, type MutatedField } from './mutated-field.js';

/** A body as pretty-printed JSON when it is JSON, else as text. */
function bodyHtml(body: string): string {
  const t = body.trim();
  if (t.startsWith('{') || t.startsWith('[')) {
    try {
      return jsonHtml(JSON.parse(t));
    } catch {
      /* not JSON: shown as sent */
    }
  }
  return esc(body);
}

function decodedHtml(x: Exchange, mutated: MutatedField | undefined): string {
  // The proofs first: they are what a DPoP case is about.
  return Object.entries(x.decoded)
    .sort(([a], [b]) => Number(b.includes('DPoP proof')) - Number(a.includes('DPoP proof')))
    .map(([name, d]) => {
      const mark = (part: 'header' | 'claims') =>
        mutated?.jwt === name && mutated.part === part ? mutated.path : undefined;
      const note =
        mutated?.jwt === name ? ' <span class="mutated-note">highlighted: the member this case changed</span>' : '';
      const payload = Object.keys(d.claims ?? {}).length
        ? `<div class="jwt-part">payload</div><pre>${jsonHtml(d.claims, mark('claims'))}</pre>`
        : '';
      return `<div class="jwt"><h5>${esc(name)}${note}</h5><div class="jwt-part">header</div><pre>${jsonHtml(d.header, mark('header'))}</pre>${payload}</div>`;
    })
    .join('');
}

function exchangeHtml(r: CaseResult, x: Exchange, last: boolean): string {
  const q = x.request;
  const req = `${esc(q.method)} ${esc(q.url)}\n${q.headers.map(([k, v]) => `${esc(k)}: ${esc(v)}`).join('\n')}${q.body !== undefined ? `\n\n${esc(q.body)}` : ''}`;
  const res = x.response
    ? `HTTP ${esc(x.response.status)}\n${Object.entries(x.response.headers)
        .map(([k, v]) => `${esc(k)}: ${esc(v)}`)
        .join('\n')}\n\n${bodyHtml(x.response.body)}`
    : esc(x.note ?? 'no response');
  const curl = `<details class="curl"><summary>request as curl</summary><button type="button" class="copy" hidden>copy</button><pre>${esc(curlCommand(q))}</pre><p class="hint">Secrets show as the redaction marker: put your own back. The proof is the one sent; it is single-use, so a replay may be refused as one.</p></details>`;
  // The mutation is one change to the case's request: it is highlighted in the last exchange, the one judged.
  const mutated = last ? mutatedField(r.mutation, x) : undefined;
  return `<div class="exchange"><h4>step ${esc(x.step)}: ${esc(x.kind)}</h4><div class="label">request</div><pre>${req}</pre>${curl}<div class="label">response</div><pre>${res}</pre>${decodedHtml(x, mutated)}</div>`;
}

/** A case's transcript: each exchange with its request (and as curl), response, and decoded JWTs (header, payload). */
export function transcriptHtml(r: CaseResult): string {
  return r.transcript.map((x, i) => exchangeHtml(r, x, i === r.transcript.length - 1)).join('');
}
