/**
 * What a mock's replay cache keys a jti with (`replayScope`, `--replay-scope`): the jti
 * alone across the whole server (`server`, the default), or the jti together with parts
 * of the request, so that the same jti is accepted again where those parts differ — a
 * narrower memory than a server may keep, there for the profile to measure
 * (docs/server-profile.md), not advice.
 */
export const REPLAY_SCOPES = ['server', 'uri', 'uri-method', 'request'] as const;
export type ReplayScope = (typeof REPLAY_SCOPES)[number];

/** The parts of a request a scope may take in: its method, its URI without query (htu) and the full target with query. */
export interface ReplayRequest {
  htm: string;
  htu: string;
  /** The request target as received, query included. */
  target: string;
}

/** The replay cache key of a jti under a scope. */
export function replayKey(jti: string, scope: ReplayScope, r: ReplayRequest): string {
  switch (scope) {
    case 'server':
      return jti;
    case 'uri':
      return `${jti} ${r.htu}`;
    case 'uri-method':
      return `${jti} ${r.htm} ${r.htu}`;
    case 'request':
      return `${jti} ${r.htm} ${r.target}`;
  }
}
