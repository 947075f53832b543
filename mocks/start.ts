import type { FastifyInstance } from 'fastify';
import { ConfigError, PortInUse } from '../base/errors.js';
import { buildAsServer } from './as/server.js';
import { resolveConfig, type MockConfig, type MockOptions } from './config.js';
import { buildRsServer } from './rs/server.js';

export interface RunningMocks {
  config: MockConfig;
  /** Issuer / base URL of the mock AS (undefined when not started). */
  asUrl?: string;
  /** Base URL of the mock RS. */
  rsUrl?: string;
  /** The protected resource. */
  resourceUrl?: string;
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

/** Starts the reference mock AS and/or RS on loopback; `close()` stops them. */
export async function startMocks(options: MockOptions & { as?: boolean; rs?: boolean } = {}): Promise<RunningMocks> {
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
    if (options.rs ?? true) {
      const { app } = await buildRsServer(config);
      apps.push(app);
      out.rsUrl = await listen(app, config.host, config.rsPort);
      out.resourceUrl = `${out.rsUrl}/resource`;
    }
  } catch (e) {
    await out.close();
    throw e;
  }
  return out;
}
