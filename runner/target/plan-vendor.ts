import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { JWK } from 'jose';
import { parse } from 'yaml';
import { startMocks, type RunningMocks } from '../../mocks/start.js';
import { DEFAULT_AS_PORT, DEFAULT_REDIRECT_URI } from '../../base/constants.js';
import { ConfigError } from '../../base/errors.js';
import { fromRoot } from '../../base/package-root.js';
import { send, type SendOptions } from '../http/send.js';
import { loadInputs } from '../../base/fixed-inputs.js';
import type { Feature } from '../suite/types.js';
import { bundledAsEndpoint } from './bundled-as.js';
import { missingFeatures, sideName, type AsEndpoint, type RunEnv, type RunPlan } from './env.js';

const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;

interface TargetFile {
  as?: { issuer: string; metadata?: string; token_endpoint?: string; authorization_endpoint?: string; jwks_uri?: string; audience?: string; redirect_uri?: string; scope?: string;
    clients?: { confidential?: { client_id: string; client_secret: string; auth?: 'basic' | 'post' }; public?: { client_id: string } }; features?: Feature[] };
  rs?: { resource: string; audience?: string; features?: Feature[]; mock_as_port?: number; mock_as_issuer?: string };
}

/** Replaces ${env:NAME} with the environment variable; a missing one is a configuration error. */
export function substituteEnv(text: string, env = process.env): { text: string; secrets: string[] } {
  const secrets: string[] = [];
  const out = text.replace(/\$\{env:([A-Za-z_][A-Za-z0-9_]*)\}/g, (_m, name: string) => {
    const v = env[name];
    if (v === undefined) throw new ConfigError(`target file names \${env:${name}}, which is not set`);
    secrets.push(v);
    return v;
  });
  return { text: out, secrets };
}

export function readTargetFile(path: string): { target: TargetFile; secrets: string[] } {
  let raw: string;
  try { raw = readFileSync(path, 'utf8'); } catch (e) { throw new ConfigError(`cannot read target file ${path}: ${(e as Error).message}`); }
  const { text, secrets } = substituteEnv(raw);
  const target = parse(text) as TargetFile;
  const ajv = addFormats(new Ajv({ allErrors: true, strict: false }));
  ajv.addSchema(JSON.parse(readFileSync(fromRoot('suites', 'case.schema.json'), 'utf8')), 'case.schema.json');
  const validate = ajv.compile(JSON.parse(readFileSync(fromRoot('suites', 'target.schema.json'), 'utf8')));
  if (!validate(target)) throw new ConfigError(`${path}: ${validate.errors!.map((e) => `${e.instancePath || '(top level)'} ${e.message}`).join('; ')}`);
  // A client secret is a secret however it was written (literally or as ${env:…}).
  const literal = target.as?.clients?.confidential?.client_secret;
  return { target, secrets: literal ? [...secrets, literal] : secrets };
}

async function discover(as: NonNullable<TargetFile['as']>, o: SendOptions): Promise<{ endpoint: Omit<AsEndpoint, 'clients' | 'redirectUri'>; jwksUri?: string }> {
  const base = as.issuer.replace(/\/$/, '');
  // RFC 8414 first, then OpenID Connect Discovery, unless the target names the document.
  const candidates = as.metadata ? [as.metadata] : [`${base}/.well-known/oauth-authorization-server`, `${base}/.well-known/openid-configuration`];
  let meta: Record<string, unknown> = {};
  if (!as.token_endpoint) {
    const tried: string[] = [];
    for (const url of candidates) {
      try {
        const res = await send({ method: 'GET', url, headers: [['accept', 'application/json']] }, o);
        if (res.status === 200 && res.json && typeof res.json === 'object') { meta = res.json as Record<string, unknown>; break; }
        tried.push(`${url}: status ${res.status}`);
      } catch (e) {
        tried.push(`${url}: ${(e as Error).message}`);
      }
    }
    if (!Object.keys(meta).length) throw new ConfigError(`cannot read the AS metadata (${tried.join('; ')}); give token_endpoint in a target file instead`);
  }
  const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
  const tokenEndpoint = as.token_endpoint ?? str(meta.token_endpoint);
  if (!tokenEndpoint) throw new ConfigError(`the AS metadata of ${as.issuer} has no token_endpoint`);
  return { endpoint: { issuer: as.issuer, tokenEndpoint, authorizationEndpoint: as.authorization_endpoint ?? str(meta.authorization_endpoint) }, jwksUri: as.jwks_uri ?? str(meta.jwks_uri) };
}

async function fetchJwks(uri: string | undefined, o: SendOptions): Promise<JWK[]> {
  if (!uri) return [];
  try {
    const res = await send({ method: 'GET', url: uri, headers: [['accept', 'application/json']] }, o);
    const keys = (res.json as { keys?: JWK[] } | undefined)?.keys;
    return Array.isArray(keys) ? keys : [];
  } catch {
    return [];
  }
}

/**
 * The mock AS whose key a vendor RS trusts, on its fixed port. When that port is taken
 * by a `dpop-conformance mock as` the user started (so the RS could fetch its JWKS
 * before the run), that one is used; anything else on the port is a configuration error.
 */
async function companionAs(port: number, issuer: string | undefined, running: RunningMocks[], o: SendOptions): Promise<string> {
  try {
    const m = await startMocks({ rs: false, asPort: port, issuer });
    running.push(m);
    return m.asUrl!;
  } catch (e) {
    if ((e as { code?: string }).code !== 'EADDRINUSE') throw e;
    const url = `http://127.0.0.1:${port}`;
    const kid = loadInputs().as_signing_key.kid;
    const keys = await fetchJwks(`${url}/jwks`, o);
    if (keys.some((k) => k.kid === kid)) return url;
    throw new ConfigError(`port ${port} is taken by something that is not the dpop-conformance mock AS (no key ${kid} at ${url}/jwks); set rs.mock_as_port`);
  }
}

/**
 * A vendor target. Testing an AS: the runner is the client, and the bundled mock RS
 * (trusting the AS's JWKS) is the RS for end-to-end steps. Testing an RS: the runner
 * mints tokens with the fixed AS key, and the bundled mock AS serves that AS's
 * metadata and JWKS at a fixed address the RS is configured to trust.
 */
export async function planVendor(o: { as?: string; rs?: string; targetFile?: string; send: SendOptions }): Promise<RunPlan> {
  const { target, secrets } = o.targetFile ? readTargetFile(o.targetFile) : { target: {} as TargetFile, secrets: [] };
  if (o.as) target.as = { ...(target.as ?? {}), issuer: o.as };
  if (o.rs) target.rs = { ...(target.rs ?? {}), resource: o.rs };
  const inputs = loadInputs();
  const running: RunningMocks[] = [];
  const close = async () => { await Promise.all(running.map((m) => m.close())); };
  try {
    let asEnv: RunEnv | undefined;
    let rsEnv: RunEnv | undefined;
    if (target.as) {
      const { endpoint, jwksUri } = await discover(target.as, o.send);
      const audience = target.as.audience ?? inputs.audience;
      const companion = await startMocks({ as: false, trustedKeys: await fetchJwks(jwksUri, o.send), audience });
      running.push(companion);
      const c = target.as.clients ?? {};
      asEnv = {
        label: `AS ${target.as.issuer}`, features: new Set(target.as.features ?? []), send: o.send, mintIssuer: target.as.issuer, audience,
        as: { ...endpoint, redirectUri: target.as.redirect_uri ?? DEFAULT_REDIRECT_URI, scope: target.as.scope, clients: {
          confidential: { client_id: c.confidential?.client_id ?? inputs.clients.confidential.client_id, client_secret: c.confidential?.client_secret ?? inputs.clients.confidential.client_secret, auth: c.confidential?.auth ?? 'basic' },
          public: { client_id: c.public?.client_id ?? inputs.clients.public.client_id },
        } },
        rs: { resource: companion.resourceUrl! },
      };
    }
    if (target.rs) {
      const port = target.rs.mock_as_port ?? DEFAULT_AS_PORT;
      const asUrl = await companionAs(port, target.rs.mock_as_issuer, running, o.send);
      const issuer = target.rs.mock_as_issuer ?? asUrl;
      rsEnv = {
        label: `RS ${target.rs.resource}`, features: new Set(target.rs.features ?? []), send: o.send, mintIssuer: issuer, audience: target.rs.audience ?? inputs.audience,
        as: bundledAsEndpoint(asUrl, issuer),
        rs: { resource: target.rs.resource },
      };
    }
    return {
      summary: { mode: 'vendor', ...(target.as ? { as: { issuer: target.as.issuer, features: target.as.features ?? [] } } : {}), ...(target.rs ? { rs: { resource: target.rs.resource, features: target.rs.features ?? [] } } : {}) },
      secrets,
      envFor: (c) => {
        const env = c.target === 'as' ? asEnv : rsEnv;
        if (!env) return { skip: `no ${sideName(c.target)} under test` };
        const missing = missingFeatures(c, env.features);
        return missing.length ? { skip: `the target does not declare ${missing.join(', ')}` } : env;
      },
      close,
    };
  } catch (e) {
    await close();
    throw e;
  }
}
