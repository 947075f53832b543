import { ConfigError, PortInUse } from '../../base/errors.js';
import { loadInputs } from '../../base/fixed-inputs.js';
import { startMocks, type RunningMocks } from '../../mocks/start.js';
import type { SendOptions } from '../http/send.js';
import { fetchJwks } from './fetch-jwks.js';

/**
 * The mock AS whose key a vendor RS trusts, on its fixed port; its URL. A mock started
 * here is pushed to `running` (for the plan to close). When the port is taken by a
 * `dpop-conformance mock as` the user started (so the RS could fetch its JWKS before the
 * run), that one is used; anything else on the port is a ConfigError.
 */
export async function companionAs(
  port: number,
  issuer: string | undefined,
  running: RunningMocks[],
  o: SendOptions,
): Promise<string> {
  try {
    const m = await startMocks({ rs: false, asPort: port, issuer });
    running.push(m);
    return m.asUrl!;
  } catch (e) {
    if (!(e instanceof PortInUse)) throw e;
    const url = `http://127.0.0.1:${port}`;
    const kid = loadInputs().as_signing_key.kid;
    const keys = await fetchJwks(`${url}/jwks`, o).catch(() => []);
    if (keys.some((k) => k.kid === kid)) return url;
    throw new ConfigError(
      `port ${port} is taken by something that is not the dpop-conformance mock AS ` +
        `(no key ${kid} at ${url}/jwks); set rs.mock_as_port`,
    );
  }
}
