/**
 * Reading JSON that came from elsewhere (a server's answer, a decoded token, a file):
 * nothing is known of a value's type until it is checked, so these take `unknown`.
 */

/** The value at a path of member names, or undefined where a step is not a JSON object. */
export function at(v: unknown, ...path: string[]): unknown {
  for (const name of path) {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) return undefined;
    v = (v as Record<string, unknown>)[name];
  }
  return v;
}

/**
 * A value as text for a report or a template: a string as it is, a number or boolean as
 * String() writes it, an object or array as JSON (never "[object Object]"), null and
 * undefined as ''.
 */
export function asText(v: unknown): string {
  switch (typeof v) {
    case 'string':
      return v;
    case 'undefined':
      return '';
    case 'object':
      return v === null ? '' : JSON.stringify(v);
    case 'number':
    case 'boolean':
    case 'bigint':
    case 'symbol':
    case 'function':
      return String(v);
  }
}
