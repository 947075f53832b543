import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import * as oauth from 'oauth4webapi';

/** oauth4webapi's own words when a DPoP-bound token that validated arrives without a proof. */
/** What the validator accepts by default (its "supported" list). */
const ALGS = 'ES256 ES384 ES512 PS256 PS384 PS512 RS256 RS384 RS512 EdDSA Ed25519';
const TOKEN_OK_BUT_NO_PROOF = 'operation indicated DPoP use but the request has no DPoP HTTP Header';

/**
 * A resource server whose only DPoP logic is oauth4webapi's validateJwtAccessToken
 * (RFC 9068 + RFC 9449 §7): the interop fixture for suites/rfc9449-rs.yaml. The glue
 * turns a fastify request into a fetch Request, and a rejection into a 401 with a DPoP
 * challenge (RFC 9449 §7.1). To name the error code it asks the same validator about the
 * token alone: if the token passes on its own, the proof was at fault (invalid_dpop_proof),
 * otherwise the token (invalid_token). It decides nothing about DPoP itself.
 */
export async function startOauth4webapiRs(o: {
  issuer: string;
  audience: string;
}): Promise<{ url: string; close(): Promise<void> }> {
  const as: oauth.AuthorizationServer = { issuer: o.issuer, jwks_uri: `${o.issuer}/jwks` };
  const app: FastifyInstance = Fastify({ logger: false });
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'string' }, (_req, body, done) => done(null, body));
  const handler = async (req: FastifyRequest, reply: FastifyReply) => {
    const headers = new Headers();
    for (let i = 0; i < req.raw.rawHeaders.length; i += 2)
      headers.append(req.raw.rawHeaders[i], req.raw.rawHeaders[i + 1]);
    const request = new Request(`http://${req.headers.host}${req.url}`, { method: req.method, headers });
    if (!headers.has('authorization'))
      return reply.code(401).header('www-authenticate', `DPoP algs="${ALGS}"`).send({ error: 'unauthorized' });
    try {
      const claims = await oauth.validateJwtAccessToken(as, request, o.audience, {
        [oauth.allowInsecureRequests]: true,
        requireDPoP: true,
      });
      return reply.send({ resource: 'ok', sub: claims.sub });
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      const tokenOnly = new Request(request.url, {
        method: req.method,
        headers: { authorization: `Bearer ${String(headers.get('authorization')).split(/ +/)[1]}` },
      });
      const tokenFine = await oauth
        .validateJwtAccessToken(as, tokenOnly, o.audience, { [oauth.allowInsecureRequests]: true })
        .then(
          () => true,
          (t: Error) => t.message === TOKEN_OK_BUT_NO_PROOF,
        );
      const error = tokenFine ? 'invalid_dpop_proof' : 'invalid_token';
      return reply
        .code(401)
        .header(
          'www-authenticate',
          `DPoP error="${error}", error_description="${message.replace(/["\\]/g, "'")}", algs="${ALGS}"`,
        )
        .send({ error, error_description: message });
    }
  };
  app.route({ method: ['GET', 'POST'], url: '/resource', handler });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const port = (app.server.address() as { port: number }).port;
  return { url: `http://127.0.0.1:${port}/resource`, close: () => app.close() };
}
