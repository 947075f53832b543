/** Text safe to print on a terminal: control characters (C0, DEL, C1, bidi overrides) become "?", length bounded. */
export function printable(text: unknown, max = 300): string {
  const s = String(text).replace(/[\u0000-\u001F\u007F-\u009F\u200E\u200F\u202A-\u202E\u2066-\u2069]/g, '?');
  return s.length > max ? `${s.slice(0, max)}…` : s;
}
