import { UsageError } from '../../base/errors.js';
import { suggestion } from '../../base/nearest-name.js';

/**
 * Stances: where readings of the specification genuinely differ, a case passes under every
 * reading and reports the one the server takes; a vendor may require one with
 * --stance NAME=VALUE (as h2spec keeps --strict apart from the default run).
 */
export const STANCES = {
  /** RFC 9449 §4.3 check 9 against §4.2: a proof whose own htu carries a query or fragment. */
  'htu-query': ['accept', 'reject'],
  /** RFC 9449 §4.3 check 9 behind a reverse proxy: a proof whose htu is the RS's internal URL, not the public one. */
  'proxy-internal-htu': ['accept', 'reject'],
} as const;

export type StanceName = keyof typeof STANCES;
export type Stances = Partial<Record<StanceName, string>>;

/** --stance NAME=VALUE (repeatable) → the stances a run requires, or a UsageError. */
export function parseStances(values: readonly string[] | undefined): Stances {
  const out: Stances = {};
  const names = Object.keys(STANCES);
  for (const v of values ?? []) {
    const eq = v.indexOf('=');
    const name = eq < 0 ? v : v.slice(0, eq);
    const value = eq < 0 ? '' : v.slice(eq + 1);
    if (!Object.hasOwn(STANCES, name))
      throw new UsageError(
        `--stance takes NAME=VALUE with NAME one of ${names.join(', ')}, not ${JSON.stringify(name.slice(0, 80))}${suggestion(name, names)}`,
      );
    const allowed: readonly string[] = STANCES[name as StanceName];
    if (!allowed.includes(value))
      throw new UsageError(`--stance ${name} takes ${allowed.join(' or ')}, not ${JSON.stringify(value.slice(0, 80))}`);
    if (out[name as StanceName] !== undefined && out[name as StanceName] !== value)
      throw new UsageError(`--stance ${name} given twice with different values`);
    out[name as StanceName] = value;
  }
  return out;
}
