import { DEFAULT_AS_PORT, DEFAULT_REDIRECT_URI } from '../../base/constants.js';
import { ConfigError } from '../../base/errors.js';
import { loadInputs } from '../../base/fixed-inputs.js';
import { startMocks, type RunningMocks } from '../../mocks/start.js';
import type { SendOptions } from '../http/send.js';
import { bundledAsEndpoint } from './bundled-as.js';
import { companionAs } from './companion-as.js';
import { discoverAs, metadataUrls } from './discover-as.js';
import {
  missingFeatures,
  pairEnv,
  pairMissing,
  missingValue,
  presentsIssuedToken,
  rotates,
  sideName,
  type RunEnv,
  type RunPlan,
  type TargetSummary,
} from './env.js';
import { fetchJwks } from './fetch-jwks.js';
import { assertReachable } from './reachability.js';
import { readTarget, type TargetFileRead } from './read-target-file.js';
import { Redactor } from '../http/redact.js';
import { NOT_APPLICABLE_PREFIX } from '../../base/constants.js';
import { fetchableUrl, plainHttpWarnings } from './check-urls.js';
import type { TlsSettings } from '../http/tls.js';
import { chooseSkew, probeServerDate, type ClockRecord, type ClockSkewOption } from './clock-skew.js';
import type { TargetFile } from './target-file.js';
import { declareFeatures } from './declare-features.js';
import { FEATURE_SIDES } from '../suite/feature-sides.js';
import type { Case, Feature } from '../suite/types.js';
import { declareFleet, rsNodes } from './rs-nodes.js';

type TargetAs = NonNullable<TargetFile['as']>;
type TargetRs = NonNullable<TargetFile['rs']>;

/**
 * Testing an AS: the runner is the client, with the target file's clients (or the fixed
 * ones), and the bundled mock RS, trusting the AS's JWKS, is the RS for end-to-end steps.
 */
async function vendorAsEnv(as: TargetAs, shown: TargetAs, running: RunningMocks[], o: VendorOptions): Promise<RunEnv> {
  const { send } = o;
  const inputs = loadInputs();
  const probeUrl = as.metadata ?? as.token_endpoint ?? metadataUrls(as.issuer)[0];
  await assertReachable(probeUrl, send);
  const { endpoint, jwksUri, serverDate } = await discoverAs(as, send);
  const clock = chooseSkew(`the AS ${shown.issuer}`, o.clockSkew, serverDate);
  if (clock.note) o.notes.push(clock.note);
  o.clocks.as = clock.record;
  const audience = as.audience ?? inputs.audience;
  const trustedKeys = await fetchJwks(jwksUri, send);
  if (!trustedKeys.length) {
    o.noAsKeys = jwksUri
      ? `the AS's JWK Set at ${jwksUri} holds no keys`
      : `no jwks_uri: the target file gives no as.jwks_uri, and no AS metadata the run may use names one (RFC 8414 §2; metadata whose issuer is not the target's is not used, §3.3)`;
    o.notes.push(
      `${o.noAsKeys}: the cases that present its tokens to the mock RS are skipped (set as.jwks_uri in a target file)`,
    );
  }
  const companion = await startMocks({ as: false, trustedKeys, audience });
  running.push(companion);
  const c = as.clients ?? {};
  const fixed = inputs.clients;
  return {
    label: `AS ${shown.issuer}`,
    features: new Set(as.features ?? []),
    send,
    hideIssuedTokens: !o.showTokens,
    clockSkew: clock.skew,
    probeUrl,
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
async function vendorRsEnv(rs: TargetRs, shown: TargetRs, running: RunningMocks[], o: VendorOptions): Promise<RunEnv> {
  const { send } = o;
  await assertReachable(rs.resource, send);
  for (const node of rs.nodes ?? []) await assertReachable(node, send);
  const clock = chooseSkew(`the RS ${shown.resource}`, o.clockSkew, await probeServerDate(rs.resource, send));
  if (clock.note) o.notes.push(clock.note);
  o.clocks.rs = clock.record;
  const asUrl = await companionAs(rs.mock_as_port ?? DEFAULT_AS_PORT, rs.mock_as_issuer, running, send);
  const issuer = rs.mock_as_issuer ?? asUrl;
  return {
    label: `RS ${shown.resource}`,
    features: new Set([...(rs.features ?? []), ...(rs.public_url ? (['behind-proxy'] as const) : [])]),
    send,
    clockSkew: clock.skew,
    probeUrl: rs.resource,
    mintIssuer: issuer,
    audience: rs.audience ?? loadInputs().audience,
    as: bundledAsEndpoint(asUrl, issuer),
    rs: { resource: rs.resource, nodes: rs.nodes, publicUrl: rs.public_url },
    ticketLifetime: rs.ticket_lifetime,
    ...(rs.rotation
      ? { rotation: { kind: 'wait', maxWait: rs.rotation.max_wait, pollInterval: rs.rotation.poll_interval ?? 5 } }
      : {}),
  };
}

/** Why a case with a rotate step is skipped against a vendor target. */
const ROTATION_SKIP = {
  rs: 'a rotate step waits for your RS to rotate its key by itself, at most a declared time: the target file sets no rs.rotation.max_wait',
  as: "a rotation of the AS's shared secret needs an RS that shares the new secret; the companion mock RS knows only the fixed versions",
} as const;

/**
 * An end-to-end case (target both): the AS under test issues and the RS under test accepts,
 * no mock between them; not applicable unless both sides are under test.
 */
function endToEnd(c: Case, asEnv?: RunEnv, rsEnv?: RunEnv): RunEnv | { skip: string; notApplicable?: boolean } {
  if (!asEnv || !rsEnv)
    return {
      skip: `${NOT_APPLICABLE_PREFIX}no ${sideName(asEnv ? 'rs' : 'as')} under test (an end-to-end case needs as: and rs: both)`,
      notApplicable: true,
    };
  const missing = pairMissing(c, asEnv.features, rsEnv.features);
  if (missing.length) return { skip: `the target does not declare ${missing.join(', ')}` };
  const env = pairEnv(asEnv, rsEnv);
  return rotates(c) && !env.rotation ? { skip: ROTATION_SKIP.rs } : env;
}

/** The target as the reports show it (from the shown target file): URLs, features and clocks, never secrets. */
function summaryOf(target: TargetFile, clocks: VendorOptions['clocks']): TargetSummary {
  const clock = (c: ClockRecord | undefined) => (c ? { clock: c } : {});
  return {
    mode: 'vendor',
    ...(target.as ? { as: { issuer: target.as.issuer, features: target.as.features ?? [], ...clock(clocks.as) } } : {}),
    ...(target.rs
      ? {
          rs: {
            resource: target.rs.resource,
            ...(target.rs.public_url ? { publicUrl: target.rs.public_url } : {}),
            features: target.rs.features ?? [],
            ...clock(clocks.rs),
          },
        }
      : {}),
  };
}

/** What planVendor takes besides the target: how to send, and the --show-tokens and --clock-skew choices. */
interface VendorOptions {
  send: SendOptions;
  showTokens?: boolean;
  clockSkew?: ClockSkewOption;
  /** Lines for the user (clock skew), filled while planning. */
  notes: string[];
  /** The clock skew estimated and applied for each side, for the report. */
  clocks: { as?: ClockRecord; rs?: ClockRecord };
  /** Why the AS's keys are unknown (no jwks_uri, an empty JWK Set): cases that need them are skipped. */
  noAsKeys?: string;
}

/**
 * Every URL the runner fetches from the target, checked before anything is sent
 * (check-urls.ts); a warning for each plain-http one to another machine.
 */
function checkUrls(target: TargetFile, shown: TargetFile): string[] {
  const urls: [string, string, string][] = [];
  for (const key of [
    'issuer',
    'metadata',
    'token_endpoint',
    'authorization_endpoint',
    'introspection_endpoint',
    'pushed_authorization_request_endpoint',
    'jwks_uri',
  ] as const) {
    const v = target.as?.[key];
    if (v !== undefined) {
      fetchableUrl(`as.${key}`, v, shown.as?.[key]);
      urls.push([`as.${key}`, v, shown.as?.[key] ?? v]);
    }
  }
  if (target.rs) {
    publicUrl(target.rs, shown.rs!);
    fetchableUrl('rs.resource', target.rs.resource, shown.rs?.resource);
    urls.push(['rs.resource', target.rs.resource, shown.rs?.resource ?? target.rs.resource]);
    target.rs.nodes?.forEach((n, i) => urls.push([`rs.nodes[${i}]`, n, shown.rs?.nodes?.[i] ?? n]));
  }
  return plainHttpWarnings(urls);
}

/**
 * rs.public_url, checked like a fetched URL (it is never fetched: only named in forwarded
 * headers and htu), without query or fragment; the behind-proxy feature needs it.
 */
function publicUrl(rs: TargetRs, shown: TargetRs): void {
  if (rs.public_url === undefined) {
    const proxy = rs.features?.find((f) => ['behind-proxy', 'proxy-x-forwarded', 'proxy-forwarded'].includes(f));
    if (proxy) throw new ConfigError(`rs.features: ${proxy} needs rs.public_url, the resource's URL as clients see it`);
    return;
  }
  const url = fetchableUrl('rs.public_url', rs.public_url, shown.public_url);
  if (url.search || url.hash || rs.public_url.includes('#') || url.username || url.password)
    throw new ConfigError('rs.public_url: the public URL of the resource, without userinfo, query or fragment');
}

/** Pairs of (value used, value shown) for every string of the target that holds a substituted secret. */
function shownPairs(target: unknown, shown: unknown, out: [string, string][] = []): [string, string][] {
  if (typeof target === 'string' && typeof shown === 'string' && target !== shown) out.push([target, shown]);
  else if (target !== null && typeof target === 'object' && shown !== null && typeof shown === 'object')
    for (const [k, v] of Object.entries(target)) shownPairs(v, (shown as Record<string, unknown>)[k], out);
  return out;
}

/**
 * A vendor target, from a target file and/or --as/--rs: the environment each case runs in
 * (vendorAsEnv, vendorRsEnv), or why it is skipped. The mocks it starts stop on close().
 * A configuration error names no secret: its message is redacted like a report.
 */
export async function planVendor(o: {
  as?: string;
  rs?: string;
  targetFile?: string;
  /** A target as a value in the target-file format (the programmatic API), instead of a file. */
  targetValue?: unknown;
  /** The target as the caller already read it (planRun, for its tls.ca); else read here. */
  read?: TargetFileRead;
  send: SendOptions;
  showTokens?: boolean;
  clockSkew?: ClockSkewOption;
  /** --features: declared on the command line, added to the target file's. */
  features?: Feature[];
  /** --ca, NODE_EXTRA_CA_CERTS and --insecure as in effect (send.dispatcher applies them), for the report. */
  tls?: TlsSettings;
  /** Prints a line at once (warnings before any request: plain http). */
  say?: (line: string) => void;
}): Promise<RunPlan> {
  const { target, shown, secrets } = o.read ?? readTarget(o);
  if (o.as) {
    target.as = { ...(target.as ?? {}), issuer: o.as };
    shown.as = { ...(shown.as ?? {}), issuer: o.as };
  }
  if (o.rs) {
    target.rs = { ...(target.rs ?? {}), resource: o.rs };
    shown.rs = { ...(shown.rs ?? {}), resource: o.rs };
  }
  const unused = declareFeatures(target, o.features ?? []);
  declareFeatures(shown, o.features ?? []);
  const pairs = shownPairs(target, shown);
  // The metadata URLs built from an issuer holding a secret, in their shown form too (RFC 8414
  // §3.1 puts the issuer's path after the well-known suffix, so the issuer is not a substring).
  if (target.as && shown.as && target.as.issuer !== shown.as.issuer) {
    const shownUrls = metadataUrls(shown.as.issuer);
    metadataUrls(target.as.issuer).forEach((real, i) => pairs.push([real, shownUrls[i]]));
  }
  const redactor = new Redactor();
  for (const s of secrets) redactor.add(s);
  for (const [real, seen] of pairs) redactor.addShown(real, seen);
  const running: RunningMocks[] = [];
  const close = async () => {
    await Promise.all(running.map((m) => m.close()));
  };
  const vendor: VendorOptions = {
    send: o.send,
    showTokens: o.showTokens,
    clockSkew: o.clockSkew,
    notes: unused.length
      ? [
          `--features: ${unused.join(', ')} ${unused.length === 1 ? 'describes' : 'describe'} no side under test here (${unused.map((f) => `${f}: ${FEATURE_SIDES[f].join(' and ').toUpperCase()}`).join('; ')}): not declared`,
        ]
      : [],
    clocks: {},
  };
  try {
    if (target.rs) rsNodes(target.rs, shown.rs!);
    declareFleet(target.rs);
    declareFleet(shown.rs);
    for (const line of checkUrls(target, shown)) o.say?.(redactor.text(line));
    const asEnv = target.as ? await vendorAsEnv(target.as, shown.as!, running, vendor) : undefined;
    const rsEnv = target.rs ? await vendorRsEnv(target.rs, shown.rs!, running, vendor) : undefined;
    return {
      summary: { ...summaryOf(shown, vendor.clocks), ...(o.tls ? { tls: o.tls } : {}) },
      secrets,
      shown: pairs,
      envs: { as: asEnv, rs: rsEnv },
      notes: vendor.notes.map((n) => redactor.text(n)),
      envFor: (c) => {
        if (c.target === 'both') return endToEnd(c, asEnv, rsEnv);
        const env = c.target === 'as' ? asEnv : rsEnv;
        if (!env) return { skip: `${NOT_APPLICABLE_PREFIX}no ${sideName(c.target)} under test`, notApplicable: true };
        const missing = missingFeatures(c, env.features);
        if (missing.includes('rs-fleet'))
          return { skip: 'the target names no rs.nodes (rs-fleet: one RS at several addresses, docs/deployment.md)' };
        if (missing.length)
          return {
            skip: `the target does not declare ${missing.join(', ')}${missing.includes('behind-proxy') ? ' (it names no rs.public_url)' : ''}`,
          };
        const lacking = missingValue(c, env);
        if (lacking) return { skip: lacking };
        if (rotates(c) && !env.rotation) return { skip: ROTATION_SKIP[c.target === 'as' ? 'as' : 'rs'] };
        if (c.target === 'as' && vendor.noAsKeys && presentsIssuedToken(c))
          return {
            skip: redactor.text(
              `this case presents the AS's token to the mock RS, which needs the AS's keys: ${vendor.noAsKeys}`,
            ),
          };
        return env;
      },
      close,
    };
  } catch (e) {
    await close();
    if (e instanceof Error) {
      e.message = redactor.text(e.message);
      if (e.stack) e.stack = redactor.text(e.stack);
    }
    throw e;
  }
}
