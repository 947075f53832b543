import { asText } from '../../base/json-value.js';
import { nowSeconds } from '../../protocol/sign.js';
import { cutString } from '../http/bound-json.js';
import { send, type HttpRequest, type SendOptions } from '../http/send.js';
import { buildProof } from '../proof/build.js';
import type { Feature } from '../suite/types.js';
import type { Finding } from '../target/detected.js';
import { metadataUrls } from '../target/discover-as.js';
import type { RunEnv } from '../target/env.js';
import { answerText, MAX_FOUND_CHARS, probeExchange, type ProbeAnswer } from './probe-exchange.js';
import { htuOf } from '../../protocol/htu.js';

const list = (v: unknown): string[] | undefined =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string').slice(0, 50) : undefined;
const shown = (xs: string[]) => cutString(xs.join(', ') || '(empty)', MAX_FOUND_CHARS);

/** A URL's path (what a finding shows of a metadata URL tried; the origin is the target's). */
const pathOf = (url: string) => /^[^:/?#]+:\/\/[^/?#]*(.*)$/.exec(url)?.[1] || url;

/**
 * The AS metadata whose issuer is the one under test: at the URL the target names or
 * discovery found, else where RFC 8414 §3.1 and OpenID Connect discovery put it (at most
 * three requests).
 */
async function metadataOf(as: RunEnv['as'], o: SendOptions): Promise<Record<string, unknown> | string> {
  const issuer = as.issuer;
  const tried: string[] = [];
  for (const url of as.metadataUrl ? [as.metadataUrl] : metadataUrls(issuer)) {
    try {
      const res = await send({ method: 'GET', url, headers: [['accept', 'application/json']] }, o);
      const doc = res.json as Record<string, unknown> | undefined;
      if (res.status === 200 && doc && typeof doc === 'object' && !Array.isArray(doc) && doc.issuer === issuer)
        return doc;
      tried.push(`${pathOf(url)} ${answerText(res)}`);
    } catch (e) {
      tried.push(`${pathOf(url)} ${(e as Error).message}`);
    }
  }
  return cutString(`none found (${tried.join('; ')})`, MAX_FOUND_CHARS);
}

/**
 * What the metadata says: grant types, client authentication methods, DPoP algorithms, a
 * PAR endpoint (`parEndpoint`: the one the run would use, which discovery takes only from
 * the issuer's origin or the target file).
 */
function readMetadata(
  doc: Record<string, unknown>,
  parEndpoint: string | undefined,
  findings: Finding[],
  supported: Set<Feature>,
): void {
  const grants = list(doc.grant_types_supported);
  findings.push({
    probe: 'metadata grant_types_supported',
    found: grants ? shown(grants) : 'not listed (RFC 8414 §2 default: authorization_code, implicit)',
  });
  if (grants?.includes('refresh_token')) supported.add('refresh');
  if (grants?.includes('authorization_code'))
    findings.push({
      probe: 'authorization_code',
      found:
        'advertised; not probed (the cases need an endpoint that approves the test clients without a user): declare authorization-code if yours does',
    });
  const auth = list(doc.token_endpoint_auth_methods_supported);
  findings.push({
    probe: 'metadata token_endpoint_auth_methods_supported',
    found: auth ? shown(auth) : 'not listed (RFC 8414 §2 default: client_secret_basic)',
  });
  if (auth?.includes('client_secret_post')) supported.add('client-secret-post');
  const algs = list(doc.dpop_signing_alg_values_supported);
  findings.push({
    probe: 'metadata dpop_signing_alg_values_supported',
    found: algs ? shown(algs) : 'not listed (RFC 9449 §5.1: the AS may omit it)',
  });
  const advertised = typeof doc.pushed_authorization_request_endpoint === 'string';
  findings.push({
    probe: 'metadata pushed_authorization_request_endpoint',
    found: parEndpoint
      ? `${advertised ? 'advertised' : 'named in the target file'}: ${pathOf(parEndpoint)} (the PAR cases also need authorization-code)`
      : advertised
        ? 'advertised on another origin than the issuer: not used (set as.pushed_authorization_request_endpoint)'
        : 'not listed (RFC 9126 §5)',
  });
  if (parEndpoint) supported.add('par');
}

/** A client_credentials token request from the confidential test client with a valid proof (and dpop_sk=true when asked). */
function tokenRequest(env: RunEnv, dpopSk: boolean) {
  const client = env.as.clients.confidential;
  const htu = htuOf(env.as.tokenEndpoint);
  return async (nonce: string | undefined): Promise<HttpRequest> => {
    const form: Record<string, string> = { grant_type: 'client_credentials', ...(dpopSk ? { dpop_sk: 'true' } : {}) };
    const headers: [string, string][] = [
      ['content-type', 'application/x-www-form-urlencoded'],
      ['accept', 'application/json'],
    ];
    if (client.auth === 'post')
      Object.assign(form, { client_id: client.client_id, client_secret: client.client_secret });
    else {
      const pair = `${encodeURIComponent(client.client_id)}:${encodeURIComponent(client.client_secret)}`;
      headers.push(['authorization', `Basic ${Buffer.from(pair).toString('base64')}`]);
    }
    const iat = nowSeconds(env.clockSkew ?? 0);
    headers.push(['dpop', await buildProof({ htm: 'POST', htu, nonce, iat })]);
    return { method: 'POST', url: env.as.tokenEndpoint, headers, body: new URLSearchParams(form).toString() };
  };
}

const issued = (a: ProbeAnswer) => {
  const body = a.res?.json as { access_token?: unknown; token_type?: unknown; dpop_sk?: unknown } | undefined;
  return a.res?.status === 200 && typeof body?.access_token === 'string' ? body : undefined;
};

/**
 * Probes an AS under test: its metadata (at most three requests), then at most two
 * client_credentials token requests from the confidential test client — plain, then with
 * dpop_sk=true — each sent once more if the AS demands a nonce. The client secret goes
 * only to the token endpoint the run already uses (on the issuer's origin, or named in the
 * target file).
 */
export async function probeAs(env: RunEnv, o: SendOptions): Promise<{ findings: Finding[]; supported: Set<Feature> }> {
  const findings: Finding[] = [];
  const supported = new Set<Feature>();
  const doc = await metadataOf(env.as, o);
  if (typeof doc === 'string') findings.push({ probe: 'metadata', found: doc });
  else readMetadata(doc, env.as.parEndpoint, findings, supported);

  const client = env.as.clients.confidential;
  if (client.grants && !client.grants.includes('client_credentials')) {
    findings.push({
      probe: 'token endpoint',
      found: 'not probed: the confidential client is not registered for client_credentials',
    });
    return { findings, supported };
  }
  const plain = await probeExchange(tokenRequest(env, false), o);
  const token = issued(plain);
  if (plain.nonceDemanded) supported.add('nonce');
  findings.push({
    probe: 'nonce demand (token request)',
    found: plain.failed
      ? `no answer: ${plain.failed}`
      : plain.nonceDemanded
        ? `yes: use_dpop_nonce with a DPoP-Nonce header; ${token ? 'a token once the nonce was sent' : answerText(plain.res!)}`
        : token
          ? 'no: a token without a nonce'
          : `unknown: ${answerText(plain.res!)}`,
  });
  if (!token) return { findings, supported };
  findings.push({ probe: 'token_type', found: cutString(asText(token.token_type) || '(none)', MAX_FOUND_CHARS) });
  const sk = await probeExchange(tokenRequest(env, true), o, plain.nonce);
  const withKey = issued(sk);
  if (typeof withKey?.dpop_sk === 'string') supported.add('dpop-sk');
  findings.push({
    probe: 'dpop_sk=true',
    found: sk.failed
      ? `no answer: ${sk.failed}`
      : typeof withKey?.dpop_sk === 'string'
        ? 'a key: dpop_sk in the token response (DPoP-SK Model A)'
        : `no key: ${withKey ? 'a token without dpop_sk' : answerText(sk.res!)}`,
  });
  return { findings, supported };
}
