import { toText } from './to-text.js';

/**
 * Text made safe for XML 1.0: every character outside the Char production (C0 controls but
 * tab, LF and CR; U+FFFE and U+FFFF; lone surrogates) becomes U+FFFD, so a hostile response
 * body cannot make junit.xml unreadable.
 */
const NOT_XML_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

export const xmlChars = (s: string): string => s.replace(NOT_XML_CHAR, '\uFFFD');

/** An attribute value. */
export const xmlAttr = (v: unknown): string =>
  xmlChars(toText(v)).replace(
    /[&<>"\t\n\r]/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', '\t': '&#9;', '\n': '&#10;', '\r': '&#13;' })[c]!,
  );

/** Element text as CDATA (a `]]>` inside is split across two sections). */
export const xmlCdata = (s: string): string => `<![CDATA[${xmlChars(s).split(']]>').join(']]]]><![CDATA[>')}]]>`;
