import { ConfigError } from '../../base/errors.js';
import { send, type SendOptions } from '../http/send.js';
import type { AsEndpoint } from './env.js';
import type { TargetFile } from './target-file.js';

/** What discovery finds of an AS under test: its endpoints and where its keys are. */
export interface DiscoveredAs {
  endpoint: Omit<AsEndpoint, 'clients' | 'redirectUri'>;
  jwksUri?: string;
}

/** The first metadata document of `candidates` that answers 200 with JSON; why each failed otherwise. */
async function firstMetadata(candidates: string[], o: SendOptions): Promise<Record<string, unknown> | string[]> {
  const tried: string[] = [];
  for (const url of candidates) {
    try {
      const res = await send({ method: 'GET', url, headers: [['accept', 'application/json']] }, o);
      if (res.status === 200 && res.json && typeof res.json === 'object') return res.json as Record<string, unknown>;
      tried.push(`${url}: status ${res.status}`);
    } catch (e) {
      tried.push(`${url}: ${(e as Error).message}`);
    }
  }
  return tried;
}

/**
 * The AS's endpoints: RFC 8414 metadata first, then OpenID Connect Discovery, unless the
 * target file names the document; values the target file gives win. No token endpoint
 * is a ConfigError.
 */
export async function discoverAs(as: NonNullable<TargetFile['as']>, o: SendOptions): Promise<DiscoveredAs> {
  const base = as.issuer.replace(/\/$/, '');
  const candidates = as.metadata
    ? [as.metadata]
    : [`${base}/.well-known/oauth-authorization-server`, `${base}/.well-known/openid-configuration`];
  let meta: Record<string, unknown> = {};
  if (!as.token_endpoint) {
    const found = await firstMetadata(candidates, o);
    if (Array.isArray(found)) {
      const tried = found.join('; ');
      throw new ConfigError(`cannot read the AS metadata (${tried}); give token_endpoint in a target file instead`);
    }
    meta = found;
  }
  const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
  const tokenEndpoint = as.token_endpoint ?? str(meta.token_endpoint);
  if (!tokenEndpoint) throw new ConfigError(`the AS metadata of ${as.issuer} has no token_endpoint`);
  const authorizationEndpoint = as.authorization_endpoint ?? str(meta.authorization_endpoint);
  const jwksUri = as.jwks_uri ?? str(meta.jwks_uri);
  const algs = meta.dpop_signing_alg_values_supported;
  const dpopAlgs = Array.isArray(algs) ? algs.filter((a): a is string => typeof a === 'string') : undefined;
  return { endpoint: { issuer: as.issuer, tokenEndpoint, authorizationEndpoint, dpopAlgs }, jwksUri };
}
