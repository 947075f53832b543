import type { Dispatcher } from 'undici';
import { ToolError } from '../../base/errors.js';
import { undiciCore } from './undici-core.js';

export interface HttpRequest {
  method: string;
  url: string;
  /** Header fields in order; a name may repeat (two DPoP fields, say). */
  headers: [string, string][];
  body?: string;
  /**
   * Where the request carries credentials, so that the transcript replaces them before it
   * is recorded (structure, not a search): header fields whose credentials (what follows
   * the auth scheme, RFC 9110 §11.4) and form fields whose values are secret. send() ignores it.
   */
  sensitive?: { headers?: string[]; formFields?: string[] };
}

export interface HttpResponse {
  status: number;
  headers: Record<string, string>;
  text: string;
  /** The body as JSON when it parses. */
  json?: unknown;
}

/** The stable codes of a TransportError, one for each way an exchange can fail. */
export const TRANSPORT_ERROR_CODES = [
  'ERR_TARGET_UNREACHABLE',
  'ERR_TARGET_TIMEOUT',
  'ERR_TARGET_GARBAGE',
  'ERR_TARGET_BODY_TOO_LARGE',
] as const;
export type TransportErrorCode = (typeof TRANSPORT_ERROR_CODES)[number];

/**
 * The target could not be talked to: the case is `error`, not `fail`. runCase turns it
 * into a case result and target planning into a ConfigError, so it never ends a command
 * itself; if one did, that would be a bug (ToolError's exit code, EXIT.INTERNAL). Its
 * `code` says how the exchange failed (TRANSPORT_ERROR_CODES).
 */
export class TransportError extends ToolError {
  override code: TransportErrorCode;

  constructor(code: TransportErrorCode, message: string) {
    super(message);
    this.code = code;
  }
}

export interface SendOptions {
  timeoutMs: number;
  maxBodyBytes: number;
  /** Aborted when the whole run must stop (--deadline): every exchange in flight ends at once. */
  stop?: AbortSignal;
  /** The TLS choices of the run (--ca, NODE_EXTRA_CA_CERTS, --insecure: tls.ts); undici's global one otherwise. */
  dispatcher?: Dispatcher;
}

export const DEFAULT_SEND: SendOptions = { timeoutMs: 10_000, maxBodyBytes: 1024 * 1024 };

function classify(e: unknown, req: HttpRequest, o: SendOptions): TransportError {
  const timeoutMs = o.timeoutMs;
  if (o.stop?.aborted)
    return new TransportError('ERR_TARGET_TIMEOUT', `${req.method} ${req.url}: stopped, the run's deadline passed`);
  const err = e as { code?: string; name?: string; message?: string; cause?: { code?: string } };
  const code = err.code ?? err.cause?.code ?? '';
  const where = `${req.method} ${req.url}`;
  if (
    code === 'ECONNREFUSED' ||
    code === 'ENOTFOUND' ||
    code === 'EHOSTUNREACH' ||
    code === 'ENETUNREACH' ||
    code === 'ECONNRESET' ||
    code === 'UND_ERR_SOCKET'
  ) {
    return new TransportError('ERR_TARGET_UNREACHABLE', `${where}: connection failed (${code})`);
  }
  if (/^(ERR_TLS_|ERR_SSL_|CERT_|UNABLE_TO_|SELF_SIGNED|DEPTH_ZERO)/.test(code)) {
    const trust = /^(UNABLE_TO_|SELF_SIGNED|DEPTH_ZERO)/.test(code)
      ? '; if a private CA signed it, pass that CA with --ca FILE (or NODE_EXTRA_CA_CERTS)'
      : '';
    return new TransportError('ERR_TARGET_UNREACHABLE', `${where}: TLS failed (${code}: ${err.message})${trust}`);
  }
  if (
    code === 'UND_ERR_HEADERS_TIMEOUT' ||
    code === 'UND_ERR_BODY_TIMEOUT' ||
    code === 'UND_ERR_CONNECT_TIMEOUT' ||
    err.name === 'TimeoutError' ||
    err.name === 'AbortError'
  ) {
    return new TransportError('ERR_TARGET_TIMEOUT', `${where}: no complete answer within ${timeoutMs} ms`);
  }
  return new TransportError(
    'ERR_TARGET_GARBAGE',
    `${where}: not a valid HTTP answer (${code || err.name}: ${err.message})`,
  );
}

/** One HTTP exchange over undici, with a deadline and a cap on the body size. */
export async function send(req: HttpRequest, o: SendOptions = DEFAULT_SEND): Promise<HttpResponse> {
  const signal = o.stop
    ? AbortSignal.any([AbortSignal.timeout(o.timeoutMs), o.stop])
    : AbortSignal.timeout(o.timeoutMs);
  try {
    const res = await undiciCore().request(
      new URL(req.url),
      {
        method: req.method,
        headers: req.headers.flat(),
        body: req.body,
        signal,
        headersTimeout: o.timeoutMs,
        bodyTimeout: o.timeoutMs,
      },
      o.dispatcher,
    );
    const chunks: Buffer[] = [];
    let size = 0;
    // undici's body is a Readable without an encoding: its chunks are Buffers
    for await (const chunk of res.body as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > o.maxBodyBytes) {
        res.body.destroy();
        throw new TransportError(
          'ERR_TARGET_BODY_TOO_LARGE',
          `${req.method} ${req.url}: response body exceeds ${o.maxBodyBytes} bytes`,
        );
      }
      chunks.push(chunk);
    }
    const text = Buffer.concat(chunks).toString('utf8');
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(res.headers))
      if (v !== undefined) headers[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    return { status: res.statusCode, headers, text, json };
  } catch (e) {
    if (e instanceof TransportError) throw e;
    throw classify(e, req, o);
  }
}
