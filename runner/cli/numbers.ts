import { UsageError } from '../../base/errors.js';

/**
 * The largest delay node's timers take (2^31 - 1 ms, about 24.8 days): a larger one is
 * silently replaced by 1 ms (node `setTimeout`), so every request would time out at once.
 */
export const MAX_TIMER_MS = 2 ** 31 - 1;

/** A flag's whole-number value within [min, max]; anything else is a UsageError naming the flag and the range. */
export function wholeNumber(name: string, v: string, range: { min: number; max: number; what?: string }): number {
  const n = /^-?\d+$/.test(v.trim()) ? Number(v) : NaN;
  const what = range.what ?? 'a whole number';
  if (!Number.isSafeInteger(n) || n < range.min || n > range.max)
    throw new UsageError(
      `--${name} takes ${what} from ${range.min} to ${range.max}, not ${JSON.stringify(v.slice(0, 40))}`,
    );
  return n;
}
