import type { FastifyRequest } from 'fastify';

/** The URI the client addressed (scheme, Host header, path and query): what htu is compared with. */
export function requestUri(req: FastifyRequest): string {
  return `${req.protocol}://${req.headers.host ?? req.hostname}${req.url}`;
}
