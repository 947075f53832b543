import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createTlsServer } from 'node:https';

/** A fixture server on a free loopback port that records each request's path and answers by route. */
export interface FixtureServer {
  url: string;
  /** "METHOD path" of every request, in order. */
  hits: string[];
  close(): Promise<void>;
}

export type Route = (req: IncomingMessage, res: ServerResponse, url: string) => void;

/** With `tls` (a PEM key and certificate), the server speaks https. */
export async function fixtureServer(
  routes: Record<string, Route>,
  tls?: { key: string; cert: string },
): Promise<FixtureServer> {
  const hits: string[] = [];
  let base = '';
  const handler = (req: IncomingMessage, res: ServerResponse) => {
    const path = (req.url ?? '/').split('?')[0];
    hits.push(`${req.method} ${path}`);
    req.resume();
    const route = routes[path];
    if (route) route(req, res, base);
    else {
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end('{"error":"not_found"}');
    }
  };
  const server = tls ? createTlsServer(tls, handler) : createServer(handler);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  base = `${tls ? 'https' : 'http'}://127.0.0.1:${(server.address() as { port: number }).port}`;
  return {
    url: base,
    hits,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

export const json =
  (body: unknown, headers: Record<string, string> = {}): Route =>
  (_req, res, base) => {
    res.writeHead(200, { 'content-type': 'application/json', ...headers });
    res.end(
      typeof body === 'string'
        ? body
        : JSON.stringify(typeof body === 'function' ? (body as (base: string) => unknown)(base) : body),
    );
  };

/** RFC 8414 metadata naming `base` as issuer and its /token and /jwks, with any member overridden. */
export const metadata = (over: Record<string, unknown> = {}): Route =>
  json((base: string) => ({
    issuer: base,
    token_endpoint: `${base}/token`,
    jwks_uri: `${base}/jwks`,
    ...over,
  }));

/** A compact JWS-shaped token (header at+jwt, ES256; the signature is junk) with these claims. */
export function unsignedToken(claims: string | object): string {
  const enc = (s: string) => Buffer.from(s).toString('base64url');
  const payload = typeof claims === 'string' ? claims : JSON.stringify(claims);
  return `${enc('{"alg":"ES256","typ":"at+jwt","kid":"k1"}')}.${enc(payload)}.${enc('not a signature')}`;
}

/** A token response carrying `token` (RFC 6749 §5.1, RFC 9449 §5). */
export const tokenResponse = (token: string, headers: Record<string, string> = {}): Route =>
  json({ access_token: token, token_type: 'DPoP', expires_in: 60 }, headers);
