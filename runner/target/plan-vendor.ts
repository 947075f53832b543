import { DEFAULT_AS_PORT, DEFAULT_REDIRECT_URI } from '../../base/constants.js';
import { loadInputs } from '../../base/fixed-inputs.js';
import { startMocks, type RunningMocks } from '../../mocks/start.js';
import type { SendOptions } from '../http/send.js';
import { bundledAsEndpoint } from './bundled-as.js';
import { companionAs } from './companion-as.js';
import { discoverAs } from './discover-as.js';
import { missingFeatures, sideName, type RunEnv, type RunPlan, type TargetSummary } from './env.js';
import { fetchJwks } from './fetch-jwks.js';
import { readTargetFile } from './read-target-file.js';
import type { TargetFile } from './target-file.js';

type TargetAs = NonNullable<TargetFile['as']>;
type TargetRs = NonNullable<TargetFile['rs']>;

/**
 * Testing an AS: the runner is the client, with the target file's clients (or the fixed
 * ones), and the bundled mock RS, trusting the AS's JWKS, is the RS for end-to-end steps.
 */
async function vendorAsEnv(as: TargetAs, running: RunningMocks[], send: SendOptions): Promise<RunEnv> {
  const inputs = loadInputs();
  const { endpoint, jwksUri } = await discoverAs(as, send);
  const audience = as.audience ?? inputs.audience;
  const companion = await startMocks({ as: false, trustedKeys: await fetchJwks(jwksUri, send), audience });
  running.push(companion);
  const c = as.clients ?? {};
  const fixed = inputs.clients;
  return {
    label: `AS ${as.issuer}`,
    features: new Set(as.features ?? []),
    send,
    mintIssuer: as.issuer,
    audience,
    as: {
      ...endpoint,
      redirectUri: as.redirect_uri ?? DEFAULT_REDIRECT_URI,
      scope: as.scope,
      clients: {
        confidential: {
          client_id: c.confidential?.client_id ?? fixed.confidential.client_id,
          client_secret: c.confidential?.client_secret ?? fixed.confidential.client_secret,
          auth: c.confidential?.auth ?? 'basic',
          grants: c.confidential?.grants,
        },
        public: { client_id: c.public?.client_id ?? fixed.public.client_id, grants: c.public?.grants },
        bound: {
          client_id: c.bound?.client_id ?? fixed.bound.client_id,
          client_secret: c.bound?.client_secret ?? fixed.bound.client_secret,
          auth: c.bound?.auth ?? 'basic',
          grants: c.bound?.grants,
        },
      },
    },
    rs: { resource: companion.resourceUrl! },
  };
}

/**
 * Testing an RS: the runner mints tokens with the fixed AS key, and the bundled mock AS
 * serves that AS's metadata and JWKS at a fixed address the RS is configured to trust.
 */
async function vendorRsEnv(rs: TargetRs, running: RunningMocks[], send: SendOptions): Promise<RunEnv> {
  const asUrl = await companionAs(rs.mock_as_port ?? DEFAULT_AS_PORT, rs.mock_as_issuer, running, send);
  const issuer = rs.mock_as_issuer ?? asUrl;
  return {
    label: `RS ${rs.resource}`,
    features: new Set(rs.features ?? []),
    send,
    mintIssuer: issuer,
    audience: rs.audience ?? loadInputs().audience,
    as: bundledAsEndpoint(asUrl, issuer),
    rs: { resource: rs.resource },
  };
}

/** The target as the reports show it: URLs and features, never secrets. */
function summaryOf(target: TargetFile): TargetSummary {
  return {
    mode: 'vendor',
    ...(target.as ? { as: { issuer: target.as.issuer, features: target.as.features ?? [] } } : {}),
    ...(target.rs ? { rs: { resource: target.rs.resource, features: target.rs.features ?? [] } } : {}),
  };
}

/**
 * A vendor target, from a target file and/or --as/--rs: the environment each case runs in
 * (vendorAsEnv, vendorRsEnv), or why it is skipped. The mocks it starts stop on close().
 */
export async function planVendor(o: {
  as?: string;
  rs?: string;
  targetFile?: string;
  send: SendOptions;
}): Promise<RunPlan> {
  const { target, secrets } = o.targetFile ? readTargetFile(o.targetFile) : { target: {} as TargetFile, secrets: [] };
  if (o.as) target.as = { ...(target.as ?? {}), issuer: o.as };
  if (o.rs) target.rs = { ...(target.rs ?? {}), resource: o.rs };
  const running: RunningMocks[] = [];
  const close = async () => {
    await Promise.all(running.map((m) => m.close()));
  };
  try {
    const asEnv = target.as ? await vendorAsEnv(target.as, running, o.send) : undefined;
    const rsEnv = target.rs ? await vendorRsEnv(target.rs, running, o.send) : undefined;
    return {
      summary: summaryOf(target),
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
