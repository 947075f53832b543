import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ROTATION_TARGETS, type KeyRotation, type RotationTarget } from './key-rotation.js';

/** Whether a peer address is this machine's loopback (IPv4, IPv6, IPv4-mapped IPv6). */
export function isLoopback(address: string | undefined): boolean {
  if (!address) return false;
  const a = address.startsWith('::ffff:') ? address.slice(7) : address;
  return a === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(a);
}

/**
 * The `what` of a rotation request: a JSON object or form body, or the query; default
 * shared-secret. Undefined (a 400) for any other `what`, and for a body that is neither
 * (text, a JSON array, string or null): a request that means something else never rotates.
 */
function targetOf(req: FastifyRequest): RotationTarget | undefined {
  const sent = req.body === undefined || req.body === '' ? {} : req.body;
  const body = typeof sent === 'string' ? safeJson(sent) : sent;
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return undefined;
  const fromBody = (body as Record<string, unknown>).what;
  const what = fromBody ?? (req.query as Record<string, unknown>).what ?? 'shared-secret';
  return (ROTATION_TARGETS as readonly unknown[]).includes(what) ? (what as RotationTarget) : undefined;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * POST /admin/rotate (docs/mocks.md): rotates the shared secret or the ticket key now. Only
 * when the mocks were started with admin on, and only from loopback, whatever --host says:
 * a test convenience, never reachable by accident.
 */
export function installAdmin(app: FastifyInstance, rotation: KeyRotation): void {
  app.post('/admin/rotate', async (req: FastifyRequest, reply: FastifyReply) => {
    reply.header('cache-control', 'no-store');
    if (!isLoopback(req.socket.remoteAddress))
      return reply
        .code(403)
        .send({ error: 'forbidden', error_description: 'the admin endpoint answers loopback only' });
    const what = targetOf(req);
    if (!what)
      return reply.code(400).send({
        error: 'invalid_request',
        error_description: `what must be one of ${ROTATION_TARGETS.join(', ')}, in a JSON object or form body or the query`,
      });
    return reply.send(rotation.rotate(what));
  });
}
