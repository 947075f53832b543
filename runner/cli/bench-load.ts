import autocannon from 'autocannon';
import { cutString } from '../http/bound-json.js';
import { parseChallenges } from '../../base/www-authenticate.js';
import { MAX_FOUND_CHARS } from '../detect/probe-exchange.js';
import { printable } from './terminal-text.js';

export interface LoadResult {
  /** 2xx answers a second, and every answer a second. */
  okPerSec: number;
  answersPerSec: number;
  p50: number;
  p99: number;
  requests: number;
  non2xx: number;
  errors: number;
  seconds: number;
  /** The first answer that was not 2xx, in a few words (status, OAuth error and its description), when there was one. */
  firstNon2xx?: string;
}

/** An answer in a few words: its status, and its WWW-Authenticate error and error_description (cut, control characters stripped). */
function answerWords(status: number, headers: Record<string, string | string[]>): string {
  const name = Object.keys(headers).find((h) => h.toLowerCase() === 'www-authenticate');
  const value = name === undefined ? undefined : [headers[name]].flat().join(', ');
  const challenge = parseChallenges(value).find((c) => c.params.error);
  const error = challenge?.params.error;
  const description = challenge?.params.error_description;
  const words = error ? ` (${error}${description ? `: ${description}` : ''})` : '';
  return printable(cutString(`status ${status}${words}`, MAX_FOUND_CHARS));
}

/** Seconds before one request counts as timed out (an error of its kind, never a crash). */
const REQUEST_TIMEOUT_S = 10;

/**
 * autocannon against one URL for `seconds` (or until `count` requests were made, whichever
 * ends first), `connections` at a time, request i with headers(i). autocannon reads every
 * answer and keeps none of its body (it counts bytes), follows no redirect and sends only
 * to `url`'s origin; a refused or failing connection, a timeout and a request the server
 * dropped unanswered are counted in `errors`.
 */
export async function loadOnce(
  url: string,
  headers: (i: number) => Record<string, string>,
  o: { seconds: number; connections: number; count: number },
): Promise<LoadResult> {
  let next = 0;
  let firstNon2xx: string | undefined;
  const target = new URL(url);
  const instance = autocannon({
    url: target.origin,
    connections: o.connections,
    amount: o.count,
    timeout: REQUEST_TIMEOUT_S,
    // stop() takes effect at the next sample: sample often, so that a kind runs for its seconds, not up to one more
    sampleInt: 100,
    requests: [
      {
        method: 'GET',
        path: `${target.pathname}${target.search}`,
        setupRequest: (req) => ({ ...req, headers: headers(next++) }),
        onResponse: (status, _body, _context, answerHeaders) => {
          if ((status < 200 || status > 299) && firstNon2xx === undefined)
            firstNon2xx = answerWords(status, answerHeaders);
        },
      },
    ],
  });
  const started = performance.now();
  const timer = setTimeout(() => instance.stop(), o.seconds * 1000);
  const r = await instance;
  clearTimeout(timer);
  const seconds = Math.max((performance.now() - started) / 1000, 0.001);
  const answers = r['2xx'] + r.non2xx;
  // autocannon reconnects without a count when the server drops a connection: a request made
  // and never answered (beyond those still in flight when the kind stopped) is an error too
  const failed = r.errors + r.timeouts;
  const unanswered = Math.max(0, next - answers - failed - o.connections);
  return {
    okPerSec: r['2xx'] / seconds,
    answersPerSec: answers / seconds,
    p50: r.latency.p50,
    p99: r.latency.p99,
    requests: answers,
    non2xx: r.non2xx,
    errors: failed + unanswered,
    seconds: Math.round(seconds * 100) / 100,
    ...(firstNon2xx === undefined ? {} : { firstNon2xx }),
  };
}
