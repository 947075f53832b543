import { cutString } from '../http/bound-json.js';
import { send, type HttpRequest, type HttpResponse, type SendOptions } from '../http/send.js';
import { parseChallenges } from '../../base/www-authenticate.js';

/** A probe waits at most this long for one answer (or the run's --timeout, when shorter). */
const PROBE_TIMEOUT_MS = 5_000;
/** A probe reads at most this much of a body: it needs a status, a few headers and a small JSON object. */
const PROBE_MAX_BODY = 64 * 1024;
/** Text quoted from a server into a finding is cut to this. */
export const MAX_FOUND_CHARS = 300;

/** The run's send options, narrowed for probes. */
export const probeSend = (o: SendOptions): SendOptions => ({
  ...o,
  timeoutMs: Math.min(o.timeoutMs, PROBE_TIMEOUT_MS),
  maxBodyBytes: Math.min(o.maxBodyBytes, PROBE_MAX_BODY),
});

/** Whether an answer is a nonce challenge (RFC 9449 §8: 400 use_dpop_nonce; §9: 401 with a DPoP challenge) carrying a nonce. */
export function isNonceChallenge(res: HttpResponse): boolean {
  if (!res.headers['dpop-nonce']) return false;
  const jsonError = (res.json as { error?: unknown } | undefined)?.error;
  if (res.status === 400 && jsonError === 'use_dpop_nonce') return true;
  return (
    res.status === 401 &&
    parseChallenges(res.headers['www-authenticate']).some((c) => c.params.error === 'use_dpop_nonce')
  );
}

/** An answer in a few words: the status, and the OAuth error code when there is one. */
export function answerText(res: HttpResponse): string {
  const error = (res.json as { error?: unknown } | undefined)?.error;
  const challenge = parseChallenges(res.headers['www-authenticate']).find((c) => c.params.error)?.params.error;
  const code = typeof error === 'string' ? error : challenge;
  return cutString(`status ${res.status}${code ? ` (${code})` : ''}`, MAX_FOUND_CHARS);
}

export interface ProbeAnswer {
  res?: HttpResponse;
  /** The server asked for a nonce, and the request was sent again with it. */
  nonceDemanded: boolean;
  /** The last nonce the server gave (for the next probe). */
  nonce?: string;
  /** Why there is no answer (a transport failure), in a few words. */
  failed?: string;
}

/**
 * One probe: the request built with the nonce known so far, and once more with the new
 * nonce if the answer is a nonce challenge. Never throws for the server's sake: a refused
 * connection, a timeout or an oversized body is `failed`.
 */
export async function probeExchange(
  build: (nonce: string | undefined) => Promise<HttpRequest>,
  o: SendOptions,
  nonce?: string,
): Promise<ProbeAnswer> {
  try {
    let res = await send(await build(nonce), o);
    let demanded = false;
    if (isNonceChallenge(res)) {
      demanded = true;
      nonce = res.headers['dpop-nonce'];
      res = await send(await build(nonce), o);
    }
    return { res, nonceDemanded: demanded, nonce: res.headers['dpop-nonce'] ?? nonce };
  } catch (e) {
    return { nonceDemanded: false, nonce, failed: cutString((e as Error).message, MAX_FOUND_CHARS) };
  }
}
