import type { FastifyInstance } from 'fastify';
import { ConfigError, PortInUse } from '../base/errors.js';
import { buildAsServer } from './as/server.js';
import { resolveConfig, type MockConfig, type MockOptions } from './config.js';
import { fleetStates, MAX_RS_NODES } from './rs/fleet.js';
import { buildRsServer } from './rs/server.js';

export interface RunningMocks {
  config: MockConfig;
  /** Issuer / base URL of the mock AS (undefined when not started). */
  asUrl?: string;
  /** Base URL of the mock RS. */
  rsUrl?: string;
  /** The protected resource. */
  resourceUrl?: string;
  /** With rsNodes: the protected resource at each node of the RS fleet (the first is resourceUrl). */
  nodeResourceUrls?: string[];
  close(): Promise<void>;
}

/** Listening errors that are the user's to fix (a taken or privileged port, a host not on this machine). */
function listenError(e: unknown, host: string, port: number): unknown {
  const code = (e as { code?: unknown }).code;
  if (code === 'EADDRINUSE') return new PortInUse(port, host);
  if (code === 'EACCES') return new ConfigError(`no permission to listen on port ${port} on ${host} (EACCES)`);
  if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND')
    return new ConfigError(`cannot listen on host ${host}: not an address of this machine (${code})`);
  return e;
}

async function listen(app: FastifyInstance, host: string, port: number): Promise<string> {
  try {
    await app.listen({ host, port });
  } catch (e) {
    throw listenError(e, host, port);
  }
  const addr = app.server.address();
  if (!addr || typeof addr === 'string') throw new Error('mock server has no TCP address');
  return `http://${host}:${addr.port}`;
}

/** Starts the RS as `nodes` nodes sharing one replay cache and ticket key (mocks/rs/fleet.ts), on rsPort, rsPort + 1, … (0: each a free port). */
async function startRsNodes(
  config: MockConfig,
  nodes: number,
  apps: FastifyInstance[],
  out: RunningMocks,
): Promise<void> {
  if (!Number.isInteger(nodes) || nodes < 1 || nodes > MAX_RS_NODES || config.rsPort + nodes - 1 > 65535)
    throw new ConfigError(
      `an RS fleet has 1 to ${MAX_RS_NODES} nodes, on ports up to 65535 (not ${nodes} from ${config.rsPort})`,
    );
  const urls: string[] = [];
  for (const [i, state] of fleetStates(config, nodes).entries()) {
    const { app } = await buildRsServer(config, state);
    apps.push(app);
    urls.push(`${await listen(app, config.host, config.rsPort && config.rsPort + i)}/resource`);
  }
  out.rsUrl = urls[0].slice(0, -'/resource'.length);
  out.resourceUrl = urls[0];
  if (nodes > 1) out.nodeResourceUrls = urls;
}

/** Starts the reference mock AS and/or RS on loopback; `close()` stops them. */
export async function startMocks(
  options: MockOptions & {
    as?: boolean;
    rs?: boolean;
    rsNodes?: number;
    /** The RS requires iss to be the issuer of the AS started with it (RFC 9068 §4); default: no iss check (trustedIssuer aside). */
    checkIssuer?: boolean;
  } = {},
): Promise<RunningMocks> {
  const config = resolveConfig(options);
  const apps: FastifyInstance[] = [];
  const every = config.rotateAfter ? 1000 * config.rotateAfter : 0;
  const rotating = every
    ? setInterval(() => {
        config.rotation.rotate('shared-secret');
        config.rotation.rotate('ticket-key');
      }, every).unref()
    : undefined;
  const out: RunningMocks = {
    config,
    close: async () => {
      clearInterval(rotating);
      config.rotation.close();
      await Promise.all(apps.map((a) => a.close()));
    },
  };
  try {
    if (options.as ?? true) {
      const { app, state } = await buildAsServer(config);
      apps.push(app);
      out.asUrl = await listen(app, config.host, config.asPort);
      state.issuer = config.issuer ?? out.asUrl;
    }
    // checkIssuer: the RS requires the iss of the AS started with it (RFC 9068 §4)
    if (options.checkIssuer && out.asUrl) config.trustedIssuer ??= config.issuer ?? out.asUrl;
    if (options.rs ?? true) await startRsNodes(config, options.rsNodes ?? 1, apps, out);
  } catch (e) {
    await out.close();
    throw e;
  }
  return out;
}
