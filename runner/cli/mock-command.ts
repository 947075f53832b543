import { parseFlags } from './parse-flags.js';
import { FAULTS } from '../../mocks/faults.js';
import { startMocks } from '../../mocks/start.js';
import { MAX_RS_NODES } from '../../mocks/rs/fleet.js';
import { DEFAULT_AS_PORT, DEFAULT_RS_PORT } from '../../base/constants.js';
import { EXIT, UsageError } from '../../base/errors.js';
import { MAX_TIMER_MS, wholeNumber } from './numbers.js';
import { untilStopped } from './until-stopped.js';
import { httpUrlOf } from './url-option.js';
import { REPLAY_SCOPES, type ReplayScope } from '../../mocks/replay-key.js';
import { suggestion } from '../../base/nearest-name.js';

const int = (name: string, v: string | undefined): number | undefined =>
  v === undefined ? undefined : wholeNumber(name, v, { min: -MAX_TIMER_MS, max: MAX_TIMER_MS });

/** A TCP port (0: any free port). */
const port = (name: string, v: string | undefined): number | undefined =>
  v === undefined ? undefined : wholeNumber(name, v, { min: 0, max: 65535, what: 'a TCP port' });

/** A number of seconds for the key-rotation flags: at least `min`, at most a day. */
const seconds = (name: string, v: string | undefined, min: number): number | undefined =>
  v === undefined ? undefined : wholeNumber(name, v, { min, max: 86_400, what: 'a number of seconds' });

/** A whole number of at least 1. */
const positive = (name: string, v: string | undefined): number | undefined =>
  v === undefined ? undefined : wholeNumber(name, v, { min: 1, max: MAX_TIMER_MS });

/** --replay-scope: one of REPLAY_SCOPES. */
function replayScopeOption(v: string | undefined): ReplayScope | undefined {
  if (v === undefined) return undefined;
  if (!(REPLAY_SCOPES as readonly string[]).includes(v))
    throw new UsageError(`--replay-scope takes ${REPLAY_SCOPES.join(', ')}${suggestion(v, REPLAY_SCOPES)}`);
  return v as ReplayScope;
}

/** The confidential client's secret from an environment variable (never a flag: flags show in process lists). */
function clientSecretFrom(name: string | undefined): string | undefined {
  if (name === undefined) return undefined;
  const v = process.env[name];
  if (!v) throw new UsageError(`--client-secret-env ${name}: that environment variable is not set`);
  return v;
}

/**
 * --issuer: an http(s) URL without query or fragment (RFC 8414 §2), its terminating "/"
 * removed, since the endpoints are the issuer + /token, /jwks, /authorize.
 */
function issuerOption(v: string | undefined): string | undefined {
  if (v === undefined) return undefined;
  const url = httpUrlOf(v);
  if (!url || url.search || url.hash || v.includes('#'))
    throw new UsageError(
      `--issuer must be an http(s) URL without query or fragment, such as http://host.docker.internal:9440, not ${JSON.stringify(v.slice(0, 80))}`,
    );
  return v.replace(/\/+$/, '');
}

/** --nodes N: the mock RS as a fleet of N nodes (mocks/rs/fleet.ts), sharing a replay cache and ticket key. */
function nodesOption(v: string | undefined, which: string): number | undefined {
  if (v === undefined) return undefined;
  if (which === 'as') throw new UsageError('--nodes is for the mock RS: mock rs --nodes N (or mock all)');
  return wholeNumber('nodes', v, { min: 1, max: MAX_RS_NODES });
}

/** What the nodes of a mock RS fleet share, with the per-node faults taken off. */
function sharedByNodes(faults: ReadonlySet<string>): string {
  const shared = ['nonces'];
  if (!faults.has('rs-per-node-replay-cache')) shared.unshift('the jti replay cache');
  if (!faults.has('rs-per-node-ticket-key')) shared.unshift('the ticket key');
  return shared.join(', ');
}

/** --public-url: the RS's public base (origin and path prefix), an http(s) URL without query or fragment. */
function publicUrlOption(v: string | undefined): string | undefined {
  if (v === undefined) return undefined;
  const url = httpUrlOf(v);
  if (!url || url.search || url.hash || v.includes('#') || url.username || url.password)
    throw new UsageError(
      `--public-url must be an http(s) URL without query or fragment, such as https://api.example/v1, not ${JSON.stringify(v.slice(0, 80))}`,
    );
  return v.replace(/\/+$/, '');
}

/** `dpop-conformance mock as|rs|all`: runs the reference servers until SIGINT/SIGTERM/SIGHUP or its parent goes away (until-stopped.ts). */
export async function mockCommand(args: string[], out: (line: string) => void): Promise<number> {
  const { values, positionals } = parseFlags({
    args,
    allowPositionals: true,
    options: {
      'list-faults': { type: 'boolean' },
      port: { type: 'string' },
      'as-port': { type: 'string' },
      'rs-port': { type: 'string' },
      host: { type: 'string' },
      issuer: { type: 'string' },
      nonce: { type: 'boolean' },
      fault: { type: 'string', multiple: true },
      'clock-offset': { type: 'string' },
      'iat-window': { type: 'string' },
      'token-ttl': { type: 'string' },
      'sk-ttl': { type: 'string' },
      audience: { type: 'string' },
      'client-secret-env': { type: 'string' },
      nodes: { type: 'string' },
      'behind-proxy': { type: 'boolean' },
      'public-url': { type: 'string' },
      admin: { type: 'boolean' },
      'rotation-grace': { type: 'string' },
      'rotate-after': { type: 'string' },
      'nonce-rotate': { type: 'string' },
      'jti-ttl': { type: 'string' },
      'replay-scope': { type: 'string' },
      'max-proof-length': { type: 'string' },
      algs: { type: 'string' },
    },
  });
  if (values['list-faults']) {
    const width = Math.max(...Object.keys(FAULTS).map((k) => k.length));
    for (const [name, info] of Object.entries(FAULTS)) out(`${name.padEnd(width)}  ${info.does}`);
    return EXIT.OK;
  }
  const which = positionals[0] ?? 'all';
  if (!['as', 'rs', 'all'].includes(which) || positionals.length > 1)
    throw new UsageError('mock takes one of: as, rs, all');
  const anyPort = port('port', values.port);
  if (anyPort !== undefined && which === 'all')
    throw new UsageError('--port applies to mock as or mock rs; for mock all use --as-port and --rs-port');
  const nodes = nodesOption(values.nodes, which);
  const mocks = await startMocks({
    as: which !== 'rs',
    rs: which !== 'as',
    host: values.host,
    asPort: port('as-port', values['as-port']) ?? (which === 'as' ? anyPort : undefined) ?? DEFAULT_AS_PORT,
    rsPort: port('rs-port', values['rs-port']) ?? (which === 'rs' ? anyPort : undefined) ?? DEFAULT_RS_PORT,
    issuer: issuerOption(values.issuer),
    nonce: values.nonce,
    faults: values.fault ?? [],
    clockOffset: int('clock-offset', values['clock-offset']),
    iatWindow: int('iat-window', values['iat-window']),
    tokenTtl: int('token-ttl', values['token-ttl']),
    skTtl: int('sk-ttl', values['sk-ttl']),
    audience: values.audience,
    clientSecret: clientSecretFrom(values['client-secret-env']),
    rsNodes: nodes,
    behindProxy: values['behind-proxy'],
    publicUrl: publicUrlOption(values['public-url']),
    admin: values.admin,
    rotationGrace: seconds('rotation-grace', values['rotation-grace'], 0),
    rotateAfter: seconds('rotate-after', values['rotate-after'], 1),
    nonceRotate: positive('nonce-rotate', values['nonce-rotate']),
    jtiTtl: positive('jti-ttl', values['jti-ttl']),
    replayScope: replayScopeOption(values['replay-scope']),
    maxProofLength: positive('max-proof-length', values['max-proof-length']),
    algs: values.algs?.split(',').map((a) => a.trim()),
  });
  if (mocks.asUrl) {
    out(`mock AS   ${mocks.asUrl}   (issuer ${mocks.config.issuer ?? mocks.asUrl})`);
    out(`  metadata ${mocks.asUrl}/.well-known/oauth-authorization-server   (also /.well-known/openid-configuration)`);
    out(`  jwks     ${mocks.asUrl}/jwks   token ${mocks.asUrl}/token   authorize ${mocks.asUrl}/authorize`);
    out(`  par      ${mocks.asUrl}/par   introspect ${mocks.asUrl}/introspect`);
  }
  if (['0.0.0.0', '::'].includes(mocks.config.host))
    out(
      'listening on every interface: whoever reaches this machine can use these mocks (their keys are public test keys)',
    );
  if (mocks.rsUrl) out(`mock RS   ${mocks.rsUrl}   resource ${mocks.resourceUrl} (GET, POST; any query)`);
  mocks.nodeResourceUrls?.forEach((url, i) => out(`  node ${i + 1}   ${url}`));
  if (mocks.nodeResourceUrls)
    out(
      `  one RS at ${mocks.nodeResourceUrls.length} addresses, sharing ${sharedByNodes(mocks.config.faults)}: list them as rs.nodes (docs/deployment.md)`,
    );
  if (mocks.rsUrl && mocks.config.behindProxy)
    out(
      `  behind a proxy: htu is compared with ${mocks.config.publicUrl ? `${mocks.config.publicUrl} + the path` : 'the URI the Forwarded / X-Forwarded-Proto, -Host, -Prefix headers give'}`,
    );
  if (mocks.config.admin)
    out(`admin     POST /admin/rotate on each server, from loopback only (what=shared-secret or ticket-key)`);
  if (mocks.config.rotateAfter)
    out(`rotating the shared secret and the ticket key every ${mocks.config.rotateAfter} s`);
  out(
    `nonce mode ${mocks.config.nonce ? 'on' : 'off'}; faults: ${[...mocks.config.faults].join(', ') || 'none'}. Ctrl-C stops.`,
  );
  const why = await untilStopped();
  await mocks.close();
  out(`mocks stopped (${why})`);
  return EXIT.OK;
}
