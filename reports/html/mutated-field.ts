import type { Exchange } from '../../runner/engine/transcript.js';
import { hasPath } from './json-html.js';

export interface MutatedField {
  /** Which decoded JWT of the exchange ("DPoP proof", "access token (request)", …). */
  jwt: string;
  part: 'header' | 'claims';
  path: string[];
}

/**
 * The JWT member a case's mutation changed, when its one-line description starts with a member
 * name ("htm GET", "cnf.sk.v 2026-10 (retired)", "typ dpop+jwt", "aud urn:…") and the exchange
 * shows that member; the DPoP proof is looked at first. Undefined when nothing matches (a removed
 * member, a mutation described in words).
 */
export function mutatedField(mutation: string | undefined, exchange: Exchange): MutatedField | undefined {
  const m = /^([A-Za-z_][\w-]*(?:\.[A-Za-z_][\w-]*)*)(?:\s|$)/.exec(mutation ?? '');
  if (!m) return undefined;
  const path = m[1].split('.');
  const names = Object.keys(exchange.decoded).sort((a, b) => Number(b === 'DPoP proof') - Number(a === 'DPoP proof'));
  for (const jwt of names) {
    const d = exchange.decoded[jwt];
    for (const part of ['header', 'claims'] as const) if (hasPath(d[part], path)) return { jwt, part, path };
  }
  return undefined;
}
