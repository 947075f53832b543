/**
 * "Did you mean …?" for a mistyped name (an option value, a key, a case id): the known
 * name nearest by edit distance, when it is near enough to be a plausible typo.
 */

/** Levenshtein distance (insertions, deletions, substitutions), two rows of memory; case-insensitive. */
export function editDistance(a: string, b: string): number {
  const s = a.toLowerCase();
  const t = b.toLowerCase();
  let prev = Array.from({ length: t.length + 1 }, (_, j) => j);
  for (let i = 1; i <= s.length; i++) {
    const row = [i];
    for (let j = 1; j <= t.length; j++)
      row[j] = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (s[i - 1] === t[j - 1] ? 0 : 1));
    prev = row;
  }
  return prev[t.length];
}

/** Longest name compared: a longer input is not a typo of a known name, and a bound keeps the work small. */
const MAX_COMPARED = 200;

/**
 * The known name nearest to `name`, when at most a third of its letters (at least 2)
 * differ; undefined when nothing is that close.
 */
export function nearestName(name: string, known: Iterable<string>): string | undefined {
  if (name.length > MAX_COMPARED) return undefined;
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const k of known) {
    if (k.length > MAX_COMPARED) continue;
    const d = editDistance(name, k);
    if (d < bestDistance) [best, bestDistance] = [k, d];
  }
  return best !== undefined && bestDistance > 0 && bestDistance <= Math.max(2, Math.floor(name.length / 3))
    ? best
    : undefined;
}

/** `; did you mean "x"?` for a message, or the empty string. */
export function suggestion(name: string, known: Iterable<string>): string {
  const near = nearestName(name, known);
  return near === undefined ? '' : `; did you mean ${JSON.stringify(near)}?`;
}
