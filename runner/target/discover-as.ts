import { ConfigError } from '../../base/errors.js';
import { send, type SendOptions } from '../http/send.js';
import { fetchableUrl, originOf } from './check-urls.js';
import type { AsEndpoint } from './env.js';
import type { TargetFile } from './target-file.js';

type TargetAs = NonNullable<TargetFile['as']>;

/** What discovery finds of an AS under test: its endpoints and where its keys are. */
export interface DiscoveredAs {
  endpoint: Omit<AsEndpoint, 'clients' | 'redirectUri'>;
  jwksUri?: string;
  /** The Date header of the metadata response, for the clock skew estimate (clock-skew.ts). */
  serverDate?: { date: string; sentAt: number; receivedAt: number };
}

interface Metadata {
  url: string;
  doc: Record<string, unknown>;
  serverDate?: DiscoveredAs['serverDate'];
}

/** The first metadata document of `candidates` that answers 200 with a JSON object; why each failed otherwise. */
async function firstMetadata(candidates: string[], o: SendOptions): Promise<Metadata | string[]> {
  const tried: string[] = [];
  for (const url of candidates) {
    try {
      const sentAt = Date.now();
      const res = await send({ method: 'GET', url, headers: [['accept', 'application/json']] }, o);
      const receivedAt = Date.now();
      const doc = res.json;
      if (res.status === 200 && doc !== null && typeof doc === 'object' && !Array.isArray(doc)) {
        const date = res.headers.date;
        return {
          url,
          doc: doc as Record<string, unknown>,
          ...(date ? { serverDate: { date, sentAt, receivedAt } } : {}),
        };
      }
      tried.push(`${url}: ${res.status === 200 ? 'not a JSON object' : `status ${res.status}`}`);
    } catch (e) {
      tried.push(`${url}: ${(e as Error).message}`);
    }
  }
  return tried;
}

/** The metadata document where there is one, read leniently: none is undefined. */
async function someMetadata(candidates: string[], o: SendOptions): Promise<Metadata | undefined> {
  const found = await firstMetadata(candidates, o);
  return Array.isArray(found) ? undefined : found;
}

/** The value, or undefined where finding it fails (a ConfigError for something the run can do without). */
function optional(find: () => string | undefined): string | undefined {
  try {
    return find();
  } catch (e) {
    if (e instanceof ConfigError) return undefined;
    throw e;
  }
}

const quoted = (v: unknown) => JSON.stringify(typeof v === 'string' ? v.slice(0, 200) : v) ?? 'nothing';

/**
 * RFC 8414 §3.3 (and OpenID Connect Discovery §4.3): the metadata's issuer MUST be
 * identical to the issuer the metadata URL was made from, else the metadata MUST NOT be used.
 */
function checkIssuer(meta: Metadata, issuer: string): void {
  if (meta.doc.issuer !== issuer)
    throw new ConfigError(
      `the AS metadata at ${meta.url} names issuer ${quoted(meta.doc.issuer)}, not ${JSON.stringify(issuer)}; ` +
        'RFC 8414 §3.3: metadata whose issuer differs MUST NOT be used',
    );
}

/**
 * An endpoint the metadata names: an http(s) URL on the issuer's origin. Client credentials
 * go to the token endpoint, so one elsewhere (another host, port or scheme) is used only
 * when the target file names it itself.
 */
function sameOriginEndpoint(meta: Metadata, member: string, issuer: string): string | undefined {
  const v = meta.doc[member];
  if (v === undefined) return undefined;
  if (typeof v !== 'string') throw new ConfigError(`the AS metadata's ${member} is not a string`);
  const url = fetchableUrl(`the AS metadata's ${member}`, v);
  if (url.origin !== originOf(issuer))
    throw new ConfigError(
      `the AS metadata's ${member} ${quoted(v)} is on another origin than the issuer ${issuer}; ` +
        `the runner uses it only if the target file names it (as.${member})`,
    );
  return v;
}

/**
 * Where the metadata of `issuer` may be, in the order tried (pure string work, so the same
 * call on the issuer as reports show it gives the shown URLs):
 * - RFC 8414 §3.1: `/.well-known/oauth-authorization-server` inserted between the host and
 *   the path, the path's terminating "/" removed (`https://as.example/t1` →
 *   `https://as.example/.well-known/oauth-authorization-server/t1`);
 * - OpenID Connect Discovery §4: `/.well-known/openid-configuration` appended to the issuer
 *   (its terminating "/" removed);
 * - for an issuer with a path, the RFC 8414 suffix appended as OpenID Connect does (RFC 8414
 *   §5 notes deployments that serve it there).
 */
export function metadataUrls(issuer: string): string[] {
  const m = /^([^:/?#]+:\/\/[^/?#]*)([^?#]*)/.exec(issuer);
  const origin = m ? m[1] : issuer;
  const path = (m ? m[2] : '').replace(/\/+$/, '');
  const rfc8414 = `${origin}/.well-known/oauth-authorization-server${path}`;
  const oidc = `${origin}${path}/.well-known/openid-configuration`;
  return path ? [rfc8414, oidc, `${origin}${path}/.well-known/oauth-authorization-server`] : [rfc8414, oidc];
}

/**
 * The AS's endpoints: RFC 8414 metadata first, then OpenID Connect Discovery, unless the
 * target file names the document; values the target file gives win. The metadata's issuer
 * must be the configured one and its endpoints on the issuer's origin. No token endpoint
 * is a ConfigError.
 */
export async function discoverAs(as: TargetAs, o: SendOptions): Promise<DiscoveredAs> {
  const candidates = as.metadata ? [as.metadata] : metadataUrls(as.issuer);
  let meta: Metadata | undefined;
  if (!as.token_endpoint) {
    const found = await firstMetadata(candidates, o);
    if (Array.isArray(found)) {
      const tried = found.join('; ');
      throw new ConfigError(`cannot read the AS metadata (${tried}); give token_endpoint in a target file instead`);
    }
    checkIssuer(found, as.issuer);
    meta = found;
  }
  // With token_endpoint named, the metadata is not needed for the endpoints; where it is there,
  // its URL is kept for the cases that judge it (AS-9449-120 checks its issuer), and, only when
  // it names this issuer (RFC 8414 §3.3: else it MUST NOT be used), its algorithms are read.
  // Endpoints come from the target file alone then.
  const found = meta ?? (await someMetadata(candidates, o));
  const advertised = found?.doc.issuer === as.issuer ? found : undefined;
  const fromMeta = (member: string) => (meta ? sameOriginEndpoint(meta, member, as.issuer) : undefined);
  const tokenEndpoint = as.token_endpoint ?? fromMeta('token_endpoint');
  if (!tokenEndpoint) throw new ConfigError(`the AS metadata of ${as.issuer} has no token_endpoint`);
  const authorizationEndpoint = as.authorization_endpoint ?? fromMeta('authorization_endpoint');
  const jwksUri = as.jwks_uri ?? fromMeta('jwks_uri');
  // Optional for a run (feature introspection): one the metadata names elsewhere is not used, and not an error.
  const introspectionEndpoint = as.introspection_endpoint ?? optional(() => fromMeta('introspection_endpoint'));
  // Likewise for PAR (feature par, RFC 9126 §5): the client authenticates there, so only on the issuer's origin.
  const parEndpoint =
    as.pushed_authorization_request_endpoint ?? optional(() => fromMeta('pushed_authorization_request_endpoint'));
  const algs = advertised?.doc.dpop_signing_alg_values_supported;
  const dpopAlgs = Array.isArray(algs) ? algs.filter((a): a is string => typeof a === 'string') : undefined;
  return {
    endpoint: {
      issuer: as.issuer,
      tokenEndpoint,
      authorizationEndpoint,
      introspectionEndpoint,
      parEndpoint,
      metadataUrl: found?.url,
      dpopAlgs,
    },
    jwksUri,
    ...(meta?.serverDate ? { serverDate: meta.serverDate } : {}),
  };
}
