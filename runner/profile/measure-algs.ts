import type { ClientKeyName } from '../../base/fixed-inputs.js';
import { parseChallenges } from '../../base/www-authenticate.js';
import type { Prober } from './prober.js';
import type { AlgorithmProfile } from './types.js';

/** The proof algorithms the suite has keys for (vectors/inputs.json client_keys and the extra P-521 key), each with the key that signs it. */
export const PROBED_ALGS: [alg: string, key: ClientKeyName][] = [
  ['ES256', 'client-p256'],
  ['ES384', 'client-p384'],
  ['ES512', 'client-p521'],
  ['EdDSA', 'client-ed25519'],
  ['PS256', 'client-rsa2048'],
  ['PS384', 'client-rsa2048'],
  ['PS512', 'client-rsa2048'],
  ['RS256', 'client-rsa2048'],
  ['RS384', 'client-rsa2048'],
  ['RS512', 'client-rsa2048'],
];

/** At most this many advertised algorithms are kept, each cut to MAX_ALG_CHARS (the server writes them). */
const MAX_ALGS = 50;
const MAX_ALG_CHARS = 40;
const bounded = (algs: string[]) => algs.slice(0, MAX_ALGS).map((a) => a.slice(0, MAX_ALG_CHARS));

/** The algs parameter of the RS's DPoP challenge to a request without credentials (RFC 9449 §7.1). */
async function rsAdvertised(p: Prober): Promise<string[] | undefined> {
  const res = await p.bare(p.env.rs.resource);
  const challenge = parseChallenges(res?.headers['www-authenticate']).find((c) => c.scheme.toLowerCase() === 'dpop');
  const algs = challenge?.params.algs;
  return typeof algs === 'string' ? bounded(algs.split(' ').filter(Boolean)) : undefined;
}

/**
 * Algorithms accepted against those advertised: one valid request per algorithm the suite
 * has a key for; advertised from the AS metadata's dpop_signing_alg_values_supported
 * (RFC 9449 §5.1) or the RS's WWW-Authenticate algs (§7.1).
 */
export async function measureAlgorithms(p: Prober): Promise<AlgorithmProfile> {
  const fromMetadata = p.env.as.dpopAlgs;
  const advertised = p.side === 'as' ? fromMetadata && bounded(fromMetadata) : await rsAdvertised(p);
  const accepted: string[] = [];
  const refused: string[] = [];
  for (const [alg, key] of PROBED_ALGS) ((await p.send({ alg, key })).accepted ? accepted : refused).push(alg);
  return { ...(advertised ? { advertised } : {}), accepted, refused };
}
