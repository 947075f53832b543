import { expect } from 'chai';
import { Agent } from 'undici';
import { undiciCore } from '../runner/http/undici-core.js';
import { send } from '../runner/http/send.js';
import { fixtureServer } from './helpers/hostile-server.js';

describe("runner/http/undici-core.ts: undici's Agent and request without the rest of the package", () => {
  it("is undici's own Agent, and a request goes to the URL's origin and path with its query, as undici.request sends it", async () => {
    expect(undiciCore().Agent).to.equal(Agent);
    const seen: string[] = [];
    const server = await fixtureServer({
      '/r': (req, res) => {
        seen.push(`${req.method} ${req.url}`);
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end('{"ok":true}');
      },
    });
    const agent = new (undiciCore().Agent)();
    try {
      const viaGlobal = await send({ method: 'GET', url: `${server.url}/r?x=1#frag`, headers: [['a', 'b']] });
      const viaAgent = await send(
        { method: 'POST', url: `${server.url}/r`, headers: [], body: 'x=1' },
        { timeoutMs: 5000, maxBodyBytes: 1024, dispatcher: agent },
      );
      expect([viaGlobal.status, viaAgent.status]).to.deep.equal([200, 200]);
      expect(viaGlobal.json).to.deep.equal({ ok: true });
      expect(seen).to.deep.equal(['GET /r?x=1', 'POST /r']);
    } finally {
      await agent.close();
      await server.close();
    }
  });
});
