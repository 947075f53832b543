import { readFileSync } from 'node:fs';
import { loadInputs } from '../../base/fixed-inputs.js';
import { fromRoot } from '../../base/package-root.js';
import { PRIVATE_MEMBERS } from '../../protocol/jwk.js';
import { esc } from './escape.js';

/** The id of the bundled profile in report.html. */
export const PROFILE_ID = 'dpop-sk-profile';

export interface ProfileDoc {
  /** docs/profile.md as HTML, its sections anchored, for the end of report.html. */
  html: string;
  /** "DPoP-SK §N" → the anchor of the profile section that states it (headings end "(DPoP-SK §N…)"). */
  anchors: ReadonlyMap<string, string>;
}

/** Inline markdown on escaped text: `code`, **bold**, [text](link) → text (links to repository files do not travel). */
function inline(text: string): string {
  return esc(text)
    .replace(/`([^`]+)`/g, '<code>$1</code>')
    .replace(/\*\*([^*]+)\*\*/g, '<strong>$1</strong>')
    .replace(/\[([^\]]+)\]\([^)]*\)/g, '$1');
}

function block(lines: string[]): string {
  const text = lines.join('\n');
  if (/^\s*\|/.test(text)) return `<pre class="md-table">${esc(text)}</pre>`;
  if (/^\s*(- |\d+\. )/.test(text)) {
    const items = text.split(/\n(?=\s{0,3}(?:- |\d+\. ))/).map((i) => i.replace(/^\s*(- |\d+\. )/, ''));
    const tag = /^\s*\d/.test(text) ? 'ol' : 'ul';
    return `<${tag}>${items.map((i) => `<li>${inline(i)}</li>`).join('')}</${tag}>`;
  }
  return `<p>${inline(text)}</p>`;
}

/** A small, escaping markdown renderer for the one document it shows: headings, fences, tables (as text), lists, paragraphs. */
export function renderProfile(markdown: string): ProfileDoc {
  const anchors = new Map<string, string>();
  const out: string[] = [];
  let para: string[] = [];
  let fence: string[] | undefined;
  const flush = () => {
    if (para.length) out.push(block(para));
    para = [];
  };
  for (const line of markdown.split('\n')) {
    if (fence) {
      if (/^\s*```/.test(line)) {
        out.push(`<pre>${esc(fence.join('\n'))}</pre>`);
        fence = undefined;
      } else fence.push(line);
      continue;
    }
    if (/^\s*```/.test(line)) {
      flush();
      fence = [];
      continue;
    }
    const h = /^(#{1,4}) (.*)$/.exec(line);
    if (h) {
      flush();
      const level = Math.min(h[1].length + 2, 6);
      const n = /^(\d+)\./.exec(h[2]);
      const id = n ? `${PROFILE_ID}-${n[1]}` : `${PROFILE_ID}-h${out.length}`;
      const sk = /\(DPoP-SK §(\d+)/.exec(h[2]);
      if (sk && !anchors.has(`§${sk[1]}`)) anchors.set(`§${sk[1]}`, id);
      out.push(`<h${level} id="${esc(id)}">${inline(h[2])}</h${level}>`);
      continue;
    }
    if (line.trim() === '') flush();
    else para.push(line);
  }
  flush();
  if (fence) out.push(`<pre>${esc(fence.join('\n'))}</pre>`);
  return { html: `<section class="profile" id="${PROFILE_ID}">${out.join('\n')}</section>`, anchors };
}

/** Sections that print the fixed test secrets and keys byte for byte: a report carries no secret, so they stay in the repository. */
const NOT_BUNDLED = /^## \d+\. (Worked example|Using the vectors)/;

/** The profile without the sections that quote test secrets, and with any other quoted one masked. */
export function profileForReports(markdown: string, secrets: readonly string[]): string {
  const kept: string[] = [];
  let skipping = false;
  for (const line of markdown.split('\n')) {
    if (/^## /.test(line)) skipping = NOT_BUNDLED.test(line);
    if (!skipping) kept.push(line);
  }
  let text = kept.join('\n');
  for (const s of secrets) if (s.length >= 8) text = text.split(s).join('[REDACTED]');
  return `${text}\n\nThe worked example, with the test secrets byte for byte, is in docs/profile.md of the repository.\n`;
}

/** Every secret of the fixed inputs: shared secrets, the test client secret, private key members. */
function fixedSecrets(): string[] {
  const inputs = loadInputs();
  const keys = [inputs.as_signing_key, ...Object.values(inputs.client_keys)] as unknown as Record<string, unknown>[];
  return [
    ...inputs.shared_secrets.map((s) => s.secret),
    inputs.clients.confidential.client_secret,
    ...keys.flatMap((k) => PRIVATE_MEMBERS.map((m) => k[m]).filter((v): v is string => typeof v === 'string')),
  ];
}

let bundled: ProfileDoc | undefined;
/** docs/profile.md as report.html bundles it (profileForReports), rendered once per process. */
export function bundledProfile(): ProfileDoc {
  bundled ??= renderProfile(profileForReports(readFileSync(fromRoot('docs', 'profile.md'), 'utf8'), fixedSecrets()));
  return bundled;
}
