import { TargetUnreachable } from '../../base/errors.js';
import { send, TransportError, type SendOptions } from '../http/send.js';

/**
 * Why `url` cannot be talked to, or undefined when it answers: any HTTP status counts as
 * an answer (a 401 from an RS, a 405 from a token endpoint); a refused, reset or timed-out
 * connection, or an answer that is not HTTP (a TLS failure, say), does not. One GET.
 */
export async function unreachableCause(url: string, o: SendOptions): Promise<string | undefined> {
  try {
    await send({ method: 'GET', url, headers: [['accept', 'application/json']] }, o);
    return undefined;
  } catch (e) {
    if (!(e instanceof TransportError)) throw e;
    return e.code === 'ERR_TARGET_BODY_TOO_LARGE' ? undefined : e.message;
  }
}

/** Checks the target once before any case runs: TargetUnreachable (exit 2) naming the URL and the cause. */
export async function assertReachable(url: string, o: SendOptions): Promise<void> {
  const cause = await unreachableCause(url, o);
  if (cause) throw new TargetUnreachable(`target unreachable: ${cause}`);
}
