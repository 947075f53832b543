import type { HttpResponse } from '../http/send.js';

const clip = (s: string) => (s.length > 200 ? `${s.slice(0, 200)}…` : s);

/**
 * The server's own account of a refusal, for a case's reason (not only its transcript):
 * the OAuth error and error_description of a JSON body (RFC 6749 §5.2), of a redirect's
 * query (RFC 6749 §4.1.2.1) or of a WWW-Authenticate challenge (RFC 6750 §3). Empty when
 * the response names none.
 */
export function serverSaid(res: HttpResponse | undefined): string {
  if (!res) return '';
  let error: unknown;
  let description: unknown;
  const body = res.json as Record<string, unknown> | undefined;
  if (body && typeof body === 'object' && !Array.isArray(body)) ({ error, error_description: description } = body);
  if (typeof error !== 'string' && res.headers.location) {
    try {
      const q = new URL(res.headers.location, 'http://x.invalid').searchParams;
      error = q.get('error') ?? undefined;
      description = q.get('error_description') ?? undefined;
    } catch {
      /* not a URL: nothing to say */
    }
  }
  if (typeof error !== 'string' && res.headers['www-authenticate']) {
    const h = res.headers['www-authenticate'];
    error = /error="([^"]*)"/.exec(h)?.[1];
    description = /error_description="([^"]*)"/.exec(h)?.[1];
  }
  if (typeof error !== 'string') return '';
  const d = typeof description === 'string' && description ? ` (${clip(description)})` : '';
  return `the server said ${clip(error)}${d}`;
}
