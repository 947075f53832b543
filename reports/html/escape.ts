import { toText } from '../to-text.js';

/** Text for HTML content and attribute values. */
export function esc(v: unknown): string {
  return toText(v).replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );
}
