/**
 * Bounds on a decoded value copied into a report (a transcript's headers, bodies and
 * decoded JWTs, a case's assertions). A hostile target controls all of it: a token nested
 * 3,000 deep or a 700 KB claim must still give a small report, quickly, and no RangeError.
 * docs/robustness.md lists them.
 */
export interface JsonBounds {
  /** Objects and arrays below this depth are replaced by a note. */
  maxDepth: number;
  /** Longer strings are cut, with their length noted. */
  maxString: number;
  /** Members of one object (or items of one array) beyond this are dropped, with their number noted. */
  maxMembers: number;
  /** Values in all; past this everything is replaced by a note. */
  maxNodes: number;
}

export const REPORT_BOUNDS: JsonBounds = { maxDepth: 16, maxString: 4096, maxMembers: 200, maxNodes: 5000 };

/** A string cut to `max` characters (never inside a surrogate pair), with its full length noted. */
export function cutString(s: string, max: number): string {
  if (s.length <= max) return s;
  let end = max;
  const last = s.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end -= 1;
  return `${s.slice(0, end)}… (${s.length} characters)`;
}

/**
 * A JSON-safe copy of `v` within `bounds`, each string (member names too) passed through
 * `mapString` before it is cut: the redactor, so a secret is removed before a cut could
 * split it. Walks at most maxDepth levels, so the depth of the input costs nothing.
 */
export function boundJson(v: unknown, mapString: (s: string) => string, bounds?: Partial<JsonBounds>): unknown {
  const b = { ...REPORT_BOUNDS, ...bounds };
  let nodes = 0;
  const walk = (x: unknown, depth: number): unknown => {
    if (++nodes > b.maxNodes) return '[cut: more values than a report keeps]';
    if (typeof x === 'string') return cutString(mapString(x), b.maxString);
    if (x === null || typeof x === 'number' || typeof x === 'boolean') return x;
    if (typeof x !== 'object') return undefined;
    if (depth >= b.maxDepth) return `[cut: nested deeper than ${b.maxDepth} levels]`;
    if (Array.isArray(x)) {
      const items = x.slice(0, b.maxMembers).map((item: unknown) => walk(item, depth + 1) ?? null);
      if (x.length > b.maxMembers) items.push(`[cut: ${x.length - b.maxMembers} more items]`);
      return items;
    }
    const out: Record<string, unknown> = {};
    let kept = 0;
    let dropped = 0;
    for (const [key, value] of Object.entries(x as Record<string, unknown>)) {
      if (value === undefined) continue;
      if (kept >= b.maxMembers) {
        dropped++;
        continue;
      }
      kept++;
      out[cutString(mapString(key), b.maxString)] = walk(value, depth + 1);
    }
    if (dropped) out['[cut]'] = `${dropped} more members`;
    return out;
  };
  return walk(v, 0);
}
