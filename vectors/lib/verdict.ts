import { isDpopError } from '../../protocol/errors.js';
import type { Verdict } from './types.js';

/** Runs a check; our typed errors become an `invalid` verdict with their reason, anything else propagates. */
export async function verdictOf(check: () => unknown): Promise<Verdict> {
  try {
    await check();
    return { result: 'valid' };
  } catch (e) {
    if (isDpopError(e)) return { result: 'invalid', reason: e.reason, detail: e.message };
    throw e;
  }
}
