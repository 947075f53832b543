import { toText } from '../to-text.js';

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const SPECIAL = /[&<>"']/;
const SPECIALS = /[&<>"']/g;
const entity = (c: string) => ENTITIES[c];

/** Text for HTML content and attribute values. */
export function esc(v: unknown): string {
  const s = toText(v);
  // most text (a report holds thousands of short values) has nothing to escape
  return SPECIAL.test(s) ? s.replace(SPECIALS, entity) : s;
}
