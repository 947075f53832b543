import { esc } from './escape.js';

/**
 * A spec reference as HTML: "RFC 9449 §4.3" links to the RFC Editor's section anchor;
 * DPoP-SK sections (the pinned profile, docs/profile.md) stay text.
 */
export function specRefHtml(ref: string): string {
  return ref
    .split(/(;|,)/)
    .map((part) => {
      const m = /^(\s*)RFC (\d+) §(\d+(?:\.\d+)*)(.*)$/.exec(part);
      if (!m) return esc(part);
      const [, lead, rfc, section, rest] = m;
      return `${esc(lead)}<a href="https://www.rfc-editor.org/rfc/rfc${rfc}#section-${section}">RFC ${rfc} §${section}</a>${esc(rest)}`;
    })
    .join('');
}
