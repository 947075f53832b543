import { toText } from './to-text.js';

/** Control characters (C0, DEL, C1) and bidirectional overrides: they can rewrite a terminal or reorder text. */
function isControl(code: number): boolean {
  return (
    code < 0x20 ||
    (code >= 0x7f && code <= 0x9f) ||
    code === 0x200e ||
    code === 0x200f ||
    (code >= 0x202a && code <= 0x202e) ||
    (code >= 0x2066 && code <= 0x2069)
  );
}

/** Text with every control character replaced. */
export function withoutControls(text: string, replacement = '?'): string {
  let out = '';
  for (const ch of text) out += isControl(ch.codePointAt(0)!) ? replacement : ch;
  return out;
}

/** Text safe to print on a terminal or in Markdown: control characters become "?", length bounded. */
export function printable(text: unknown, max = 300): string {
  const s = withoutControls(toText(text));
  return s.length > max ? `${s.slice(0, max)}…` : s;
}
