import { createRequire } from 'node:module';
import type { Agent as UndiciAgent, Dispatcher } from 'undici';

const require = createRequire(import.meta.url);

type RequestOptions = Omit<Dispatcher.RequestOptions, 'origin' | 'path'>;

interface Core {
  Agent: typeof UndiciAgent;
  request(url: URL, options: RequestOptions, dispatcher?: Dispatcher): Promise<Dispatcher.ResponseData>;
}

/**
 * The two parts of undici the tool uses: its Agent and its request API. undici's index
 * loads everything else too (fetch, WebSocket, the mock agent, caches, interceptors), about
 * 150 ms of CPU at every start here (docs/performance.md); its own modules for those two are
 * loaded instead, and the request made as its `request(url, …)` makes it (origin, path with
 * query, the global dispatcher unless one is given). Should a later undici move them, the
 * whole package is loaded as before.
 */
function load(): Core {
  try {
    const Agent = require('undici/lib/dispatcher/agent') as typeof UndiciAgent;
    const api = require('undici/lib/api') as { request: (this: Dispatcher, o: Dispatcher.RequestOptions) => unknown };
    const global = require('undici/lib/global') as { getGlobalDispatcher: (this: void) => Dispatcher };
    const getGlobalDispatcher = global.getGlobalDispatcher;
    if (typeof Agent !== 'function' || typeof api.request !== 'function' || typeof getGlobalDispatcher !== 'function')
      throw new Error('undici has moved its modules');
    return {
      Agent,
      request: (url, options, dispatcher) =>
        api.request.call(dispatcher ?? getGlobalDispatcher(), {
          ...options,
          origin: url.origin,
          path: url.search ? `${url.pathname}${url.search}` : url.pathname,
        }) as Promise<Dispatcher.ResponseData>,
    };
  } catch {
    const undici = require('undici') as typeof import('undici');
    return {
      Agent: undici.Agent,
      request: (url, options, dispatcher) => undici.request(url, { ...options, ...(dispatcher ? { dispatcher } : {}) }),
    };
  }
}

let core: Core | undefined;
export const undiciCore = (): Core => (core ??= load());
