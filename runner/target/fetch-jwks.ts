import type { JWK } from 'jose';
import { send, type SendOptions } from '../http/send.js';

/** The keys of a JWK Set document (RFC 7517 §5); none when there is no URI or it cannot be read. */
export async function fetchJwks(uri: string | undefined, o: SendOptions): Promise<JWK[]> {
  if (!uri) return [];
  try {
    const res = await send({ method: 'GET', url: uri, headers: [['accept', 'application/json']] }, o);
    const keys = (res.json as { keys?: JWK[] } | undefined)?.keys;
    return Array.isArray(keys) ? keys : [];
  } catch {
    return [];
  }
}
