import { asText } from '../../base/json-value.js';

/** Text for HTML content and attribute values. */
export function esc(v: unknown): string {
  return asText(v).replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );
}
