import { send, type SendOptions } from '../http/send.js';

/** Above this many seconds of estimated skew between the runner's clock and the server's, the run warns. */
export const SKEW_WARN_SECONDS = 10;

/** A Date header (RFC 9110 §6.6.1) and when the request that got it was sent and answered, by the local clock (ms). */
export interface ServerDate {
  date: string;
  sentAt: number;
  receivedAt: number;
}

/**
 * Seconds the server's clock is ahead of the local one (negative: behind), from its Date
 * header: a whole-second time taken between sending and receiving, so compared with the
 * middle of that interval (plus half a second for the truncation). undefined when the
 * header does not parse.
 */
export function estimateSkew(d: ServerDate): number | undefined {
  const server = Date.parse(d.date);
  if (!Number.isFinite(server)) return undefined;
  return Math.round((server + 500 - (d.sentAt + d.receivedAt) / 2) / 1000);
}

/** The Date header of a plain GET of `url` (no credentials), or undefined when there is none or no answer. */
export async function probeServerDate(url: string, o: SendOptions): Promise<ServerDate | undefined> {
  try {
    const sentAt = Date.now();
    const res = await send({ method: 'GET', url, headers: [] }, o);
    const receivedAt = Date.now();
    return res.headers.date ? { date: res.headers.date, sentAt, receivedAt } : undefined;
  } catch {
    return undefined;
  }
}

/** --clock-skew: `auto` (estimate from the server's Date header) or whole seconds to add to the local clock. */
export type ClockSkewOption = 'auto' | number;

/**
 * The skew a run applies to the times it writes (proof iat, minted token iat/exp, SK exp),
 * and a line for the user when the estimate exceeds SKEW_WARN_SECONDS or cannot be made
 * under `auto`. Without the option nothing is applied, but a large skew is still reported.
 */
export function chooseSkew(
  who: string,
  option: ClockSkewOption | undefined,
  observed: ServerDate | undefined,
): { skew: number; note?: string; record: ClockRecord } {
  const estimate = observed ? estimateSkew(observed) : undefined;
  const chosen = pickSkew(who, option, estimate);
  return {
    ...chosen,
    record: {
      ...(estimate !== undefined ? { estimatedSkew: estimate } : {}),
      appliedSkew: chosen.skew,
      ...(option !== undefined ? { option } : {}),
    },
  };
}

/**
 * What the report records of one server's clock: the skew estimated from its Date header
 * (absent when it sent none that parses), the seconds added to the local clock, and the
 * --clock-skew option that chose them.
 */
export interface ClockRecord {
  estimatedSkew?: number;
  appliedSkew: number;
  option?: ClockSkewOption;
}

function pickSkew(
  who: string,
  option: ClockSkewOption | undefined,
  estimate: number | undefined,
): { skew: number; note?: string } {
  if (typeof option === 'number') return { skew: option };
  if (estimate === undefined)
    return option === 'auto'
      ? { skew: 0, note: `${who}: no usable Date header, so no clock skew applied` }
      : { skew: 0 };
  const large = Math.abs(estimate) > SKEW_WARN_SECONDS;
  const ahead = `${who}'s clock is about ${Math.abs(estimate)} s ${estimate >= 0 ? 'ahead of' : 'behind'} this machine's`;
  if (option === 'auto')
    return { skew: estimate, ...(large ? { note: `${ahead}; applying --clock-skew ${estimate}` } : {}) };
  return large
    ? {
        skew: 0,
        note: `WARNING: ${ahead} (from its Date header); time checks may fail because of it: try --clock-skew auto`,
      }
    : { skew: 0 };
}
