import { decodeProtectedHeader } from 'jose';
import { decodeJws, type DecodedJws as Decoded } from '../../protocol/decode-jws.js';
import type { Redactor } from '../http/redact.js';
import type { HttpRequest, HttpResponse } from '../http/send.js';
import type { ClientKeyName } from '../../base/fixed-inputs.js';
import { flipMiddle } from '../proof/build.js';
import type { Case } from '../suite/types.js';
import type { RunEnv } from '../target/env.js';

/** What a token or mint step leaves behind for later steps and checks. */
export interface Captured {
  token?: string;
  refresh_token?: string;
  /** The raw dpop_sk JWE of a token response. */
  dpop_sk?: string;
  /** SK (from dpop_sk, or from minting); never written to a transcript. */
  sk?: Uint8Array;
  /** Why the target's answer gave no usable SK (a dpop_sk that does not open, or none at all). */
  skProblem?: string;
  /** Model B: the ticket, sent as the kid of symmetric proofs (DPoP-SK §6). */
  ticket?: string;
  /** The key the token is bound to. */
  key?: ClientKeyName;
  proof?: string;
  response?: HttpResponse;
  /** Claims of the previous access token, when a token step replaced it. */
  previous_claims?: Record<string, unknown>;
}

export interface Exchange {
  step: number;
  kind: string;
  request: { method: string; url: string; headers: [string, string][]; body?: string };
  response?: { status: number; headers: Record<string, string>; body: string };
  decoded: Record<string, Decoded>;
  note?: string;
}

const MAX_TRANSCRIPT_BODY = 4096;

const upperScheme = (url: string) => url.replace(/^[a-z]+:/, (s) => s.toUpperCase());

/** The RS URL and equivalent spellings of it (RFC 3986 §6.2.2, §6.2.3) for htu variations. */
function rsScope(resource: string): Record<string, string> {
  const url = new URL(resource);
  const path = url.pathname.replace(/[A-Za-z]/, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`);
  return {
    resource,
    origin: url.origin,
    resource_upper_scheme: upperScheme(resource),
    resource_pct_encoded: `${url.origin}${path}`,
  };
}

/** The state of one running case. */
export class CaseContext {
  /** The current token and friends. */
  current: Captured = {};
  readonly saved: Record<string, Captured> = {};
  readonly nonces: { as?: string; rs?: string } = {};
  readonly transcript: Exchange[] = [];
  stepIndex = 0;

  constructor(readonly c: Case, readonly env: RunEnv, readonly redactor: Redactor) {}

  /** Values a `{…}` template may name. */
  scope(): Record<string, unknown> {
    const strings = (x: Captured) => ({
      token: x.token, refresh_token: x.refresh_token, proof: x.proof, ticket: x.ticket,
      ticket_tampered: x.ticket?.split('.').map((seg, i) => (i === 3 ? flipMiddle(seg) : seg)).join('.'),
    });
    return {
      as: { issuer: this.env.as.issuer, token_endpoint: this.env.as.tokenEndpoint, origin: new URL(this.env.as.tokenEndpoint).origin, token_endpoint_upper_scheme: upperScheme(this.env.as.tokenEndpoint) },
      rs: rsScope(this.env.rs.resource),
      ...strings(this.current),
      ...Object.fromEntries(Object.entries(this.saved).map(([k, v]) => [k, strings(v)])),
    };
  }

  /** Records an exchange, redacted, with its JWTs decoded. */
  record(kind: string, req: HttpRequest, res: HttpResponse | undefined, note?: string): void {
    const decoded: Record<string, Decoded> = {};
    for (const [name, value] of req.headers) {
      const n = name.toLowerCase();
      if (n === 'dpop') { const d = decodeJws(value); if (d) decoded[decoded['DPoP proof'] ? 'second DPoP proof' : 'DPoP proof'] = d; }
      if (n === 'authorization') { const d = decodeJws(value.split(' ')[1]); if (d) decoded['access token (request)'] = d; }
    }
    const body = res?.json as Record<string, unknown> | undefined;
    const issued = decodeJws(typeof body?.access_token === 'string' ? body.access_token : undefined);
    if (issued) decoded['access token (issued)'] = issued;
    if (typeof body?.dpop_sk === 'string') { try { decoded['dpop_sk JWE header'] = { header: decodeProtectedHeader(body.dpop_sk) as Record<string, unknown>, claims: {} }; } catch { /* not a JWE */ } }
    const r = this.redactor;
    this.transcript.push(r.value({
      step: this.stepIndex + 1, kind,
      request: { method: req.method, url: req.url, headers: req.headers, ...(req.body !== undefined ? { body: req.body } : {}) },
      ...(res ? { response: { status: res.status, headers: res.headers, body: res.text.length > MAX_TRANSCRIPT_BODY ? `${res.text.slice(0, MAX_TRANSCRIPT_BODY)}… (${res.text.length} characters)` : res.text } } : {}),
      decoded, ...(note ? { note } : {}),
    }));
  }
}
