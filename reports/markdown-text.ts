import { printable } from './printable.js';

/**
 * Text from a report (much of it quoted from a server) as inert Markdown, for a table
 * cell or a list item: control characters become "?", every character Markdown or GFM
 * gives a meaning to is backslash-escaped (pipes, backticks, emphasis, links, HTML tags
 * and entities, headings, strikethrough), and the length is bounded.
 */
export function markdownText(v: unknown, max = 200): string {
  return printable(v, max).replace(/[\\`*_[\]<>|#&~!()]/g, (ch) => `\\${ch}`);
}
