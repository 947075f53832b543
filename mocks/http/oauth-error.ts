import type { FastifyInstance, FastifyReply } from 'fastify';

/** An OAuth error answer (RFC 6749 §5.2 at the AS, RFC 6750 §3 / RFC 9449 §7.1 at the RS). */
export class OAuthHttpError extends Error {
  constructor(
    readonly status: number,
    readonly error: string,
    description: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(description);
  }
}

export function sendOAuthError(reply: FastifyReply, e: OAuthHttpError): FastifyReply {
  // An empty error code is a fault's bare refusal (as-missing-proof-bare-400): no body at all.
  return reply
    .code(e.status)
    .headers({ 'cache-control': 'no-store', ...e.headers })
    .send(e.error ? { error: e.error, error_description: e.message } : undefined);
}

/**
 * Shared server hardening: every body is accepted as text by a catch-all parser (so
 * an unexpected media type is the handler's 400, not a 415), and framework errors
 * from malformed input (bad JSON, oversized body) become 400 invalid_request.
 */
export function installErrorHandling(app: FastifyInstance): void {
  app.addContentTypeParser('*', { parseAs: 'string' }, (_req, body, done) => done(null, body));
  app.setErrorHandler((err: Error & { statusCode?: number }, _req, reply) => {
    if (err instanceof OAuthHttpError) return sendOAuthError(reply, err);
    const status = err.statusCode && err.statusCode >= 400 && err.statusCode < 500 ? err.statusCode : 500;
    if (status === 500) app.log.error(err);
    return reply.code(status === 413 || status === 415 ? 400 : status).send({
      error: status === 500 ? 'server_error' : 'invalid_request',
      error_description: status === 500 ? 'internal error' : err.message,
    });
  });
}
