import { expect } from 'chai';
import { createServer, type Server } from 'node:http';
import { CaseContext } from '../runner/engine/case-state.js';
import { authorizationCode } from '../runner/engine/steps/authorize.js';
import { Redactor } from '../runner/http/redact.js';
import { DEFAULT_SEND } from '../runner/http/send.js';
import type { Case } from '../runner/suite/types.js';
import type { RunEnv } from '../runner/target/env.js';

describe('authorization step: redirects and cookies of an auto-approving AS', () => {
  let server: Server;
  let base: string;
  before(async () => {
    // /authorize → /login (sets a cookie) → /consent (needs it) → the redirect URI with a code
    server = createServer((req, res) => {
      const url = new URL(req.url!, 'http://x');
      if (url.pathname === '/authorize')
        return res.writeHead(302, { location: `/login?state=${url.searchParams.get('state')}` }).end();
      if (url.pathname === '/login')
        return res
          .writeHead(303, { location: '/consent', 'set-cookie': ['session=abc; Path=/; HttpOnly', 'other=1; Path=/'] })
          .end();
      if (url.pathname === '/consent') {
        if (!/session=abc/.test(req.headers.cookie ?? '')) return res.writeHead(400).end('no session');
        return res.writeHead(302, { location: 'http://127.0.0.1/callback?code=the-code&state=s' }).end();
      }
      res.writeHead(404).end();
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  });
  after(() => server.close());

  function ctxFor(authorizationEndpoint: string): CaseContext {
    const env = {
      as: { authorizationEndpoint, redirectUri: 'http://127.0.0.1/callback', scope: 'openid' },
      send: DEFAULT_SEND,
    } as unknown as RunEnv;
    return new CaseContext({ id: 'T' } as Case, env, new Redactor());
  }

  it('follows the chain, carrying cookies, to the code; each hop is in the transcript', async () => {
    const ctx = ctxFor(`${base}/authorize`);
    const { code, verifier } = await authorizationCode(ctx, {}, 'conformance-public');
    expect(code).to.equal('the-code');
    expect(verifier).to.match(/^[A-Za-z0-9_-]{43}$/);
    expect(ctx.transcript.map((x) => new URL(x.request.url).pathname)).to.deep.equal([
      '/authorize',
      '/login',
      '/consent',
    ]);
    expect(new URL(ctx.transcript[0].request.url).searchParams.get('scope')).to.equal('openid');
    expect(ctx.transcript[2].request.headers).to.deep.include(['cookie', 'session=abc; other=1']);
  });

  it('an endpoint that answers without redirecting is a setup error naming the status', async () => {
    const ctx = ctxFor(`${base}/nowhere`);
    try {
      await authorizationCode(ctx, {}, 'c');
      expect.fail('no error');
    } catch (e) {
      expect((e as Error).message).to.match(/answered 404 without redirecting/);
    }
  });
});
