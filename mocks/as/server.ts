import formbody from '@fastify/formbody';
import Fastify, { type FastifyInstance } from 'fastify';
import type { MockConfig } from '../config.js';
import { installAdmin } from '../admin-endpoint.js';
import { installErrorHandling } from '../http/oauth-error.js';
import { authorizeEndpoint } from './authorize.js';
import { jwks, metadata } from './metadata.js';
import { createAsState, type AsState } from './state.js';
import { tokenEndpoint } from './token-endpoint.js';
import { introspectionEndpoint } from './introspect.js';
import { parEndpoint } from './par.js';
import { SERVER_OPTIONS } from '../http/server-options.js';

/** The reference authorization server as a fastify instance (not yet listening). */
export async function buildAsServer(config: MockConfig): Promise<{ app: FastifyInstance; state: AsState }> {
  const app = Fastify(SERVER_OPTIONS);
  const state = createAsState(config);
  installErrorHandling(app);
  if (config.admin) installAdmin(app, config.rotation);
  await app.register(formbody);
  app.get('/.well-known/oauth-authorization-server', async () => metadata(state));
  // The same document where OpenID Connect Discovery §4 looks: many RS libraries discover an AS that way.
  app.get('/.well-known/openid-configuration', async () => metadata(state));
  app.get('/jwks', async () => jwks(state));
  app.get('/authorize', authorizeEndpoint(state));
  app.post('/token', tokenEndpoint(state));
  app.post('/introspect', introspectionEndpoint(state));
  app.post('/par', parEndpoint(state));
  // RFC 9126 §2.3: a request that is not a POST gets 405.
  app.route({
    method: ['GET', 'PUT', 'DELETE', 'PATCH'],
    url: '/par',
    handler: async (_req, reply) =>
      reply.code(405).header('allow', 'POST').send({ error: 'invalid_request', error_description: 'POST only' }),
  });
  return { app, state };
}
