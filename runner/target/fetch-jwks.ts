import type { JWK } from 'jose';
import { ConfigError } from '../../base/errors.js';
import { send, type SendOptions } from '../http/send.js';

/**
 * The most keys a JWK Set may hold. RFC 7517 §5 sets no limit; an AS publishes a handful.
 * More is a configuration error rather than seconds of work for every token checked.
 */
export const MAX_JWKS_KEYS = 100;

/**
 * The keys of the AS's JWK Set document (RFC 7517 §5); none when there is no URI. Anything
 * that keeps the set from being used — the fetch fails, the body is over the size cap, it
 * is not a JWK Set, it holds more than MAX_JWKS_KEYS keys — is a ConfigError, reported
 * before any case runs, not a silent empty set that later fails every end-to-end step.
 */
export async function fetchJwks(uri: string | undefined, o: SendOptions): Promise<JWK[]> {
  if (!uri) return [];
  const problem = (why: string) => new ConfigError(`cannot use the AS's JWK Set at ${uri}: ${why}`);
  let res;
  try {
    res = await send({ method: 'GET', url: uri, headers: [['accept', 'application/json']] }, o);
  } catch (e) {
    throw problem((e as Error).message);
  }
  if (res.status !== 200) throw problem(`status ${res.status}`);
  const doc = res.json;
  const keys: unknown = doc !== null && typeof doc === 'object' ? (doc as { keys?: unknown }).keys : undefined;
  if (!Array.isArray(keys)) throw problem('not a JWK Set (RFC 7517 §5: a JSON object with a "keys" array)');
  if (keys.length > MAX_JWKS_KEYS)
    throw problem(`${keys.length} keys, more than the ${MAX_JWKS_KEYS} the runner takes`);
  keys.forEach((k: unknown, i) => {
    if (k === null || typeof k !== 'object' || typeof (k as { kty?: unknown }).kty !== 'string')
      throw problem(`key ${i} is not a JWK (RFC 7517 §4.1: an object with a "kty")`);
  });
  return keys as JWK[];
}
