import { decodeProtectedHeader } from 'jose';
import { decodeJws, type DecodedJws } from '../../protocol/decode-jws.js';
import { cutString, REPORT_BOUNDS } from '../http/bound-json.js';
import { REDACTED, type Redactor } from '../http/redact.js';
import type { HttpRequest, HttpResponse } from '../http/send.js';

/** One exchange of a case as its transcript (and the reports) show it. */
export interface Exchange {
  step: number;
  kind: string;
  request: { method: string; url: string; headers: [string, string][]; body?: string };
  response?: { status: number; headers: Record<string, string>; body: string };
  /** The JWTs (and the dpop_sk JWE header) of the exchange, decoded, by what they are. */
  decoded: Record<string, DecodedJws>;
  note?: string;
}

/**
 * Bodies (and every other string: header values, decoded claims) longer than this are cut
 * in a transcript, after redaction; decoded JSON is bounded by REPORT_BOUNDS as a whole.
 */
export const MAX_TRANSCRIPT_STRING = REPORT_BOUNDS.maxString;

/** Token response members that hold a token the AS issued (RFC 6749 §5.1, OpenID Connect Core §3.1.3.3). */
const ISSUED_TOKEN_MEMBERS = ['access_token', 'refresh_token', 'id_token'] as const;

/** The proofs, access tokens and dpop_sk JWE header of an exchange, decoded without verifying. */
function decodedOf(req: HttpRequest, res: HttpResponse | undefined): Record<string, DecodedJws> {
  const decoded: Record<string, DecodedJws> = {};
  for (const [name, value] of req.headers) {
    const n = name.toLowerCase();
    if (n === 'dpop') {
      const d = decodeJws(value);
      if (d) decoded[decoded['DPoP proof'] ? 'second DPoP proof' : 'DPoP proof'] = d;
    }
    if (n === 'authorization' && !req.sensitive?.headers?.includes(n)) {
      const d = decodeJws(value.split(' ')[1]);
      if (d) decoded['access token (request)'] = d;
    }
  }
  const body = asObject(res?.json);
  const issued = decodeJws(typeof body?.access_token === 'string' ? body.access_token : undefined);
  if (issued) decoded['access token (issued)'] = issued;
  if (typeof body?.dpop_sk === 'string') {
    try {
      const header = decodeProtectedHeader(body.dpop_sk) as Record<string, unknown>;
      decoded['dpop_sk JWE header'] = { header, claims: {} };
    } catch {
      /* not a JWE */
    }
  }
  return decoded;
}

const asObject = (v: unknown): Record<string, unknown> | undefined =>
  v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;

/** A name of an application/x-www-form-urlencoded body, decoded (WHATWG URL §5.1). */
const formDecode = (name: string): string => [...new URLSearchParams(`${name}=`).keys()][0] ?? name;

/** The request as recorded: the credentials its builder marked sensitive replaced where they were put. */
function shownRequest(req: HttpRequest): Exchange['request'] {
  const hidden = new Set(req.sensitive?.headers?.map((h) => h.toLowerCase()));
  const headers = req.headers.map(([name, value]): [string, string] => {
    if (!hidden.has(name.toLowerCase())) return [name, value];
    const scheme = /^\S+(?=\s)/.exec(value)?.[0];
    return [name, scheme ? `${scheme} ${REDACTED}` : REDACTED];
  });
  let body = req.body;
  const fields = req.sensitive?.formFields ?? [];
  if (body !== undefined && fields.length)
    body = body
      .split('&')
      .map((pair) => {
        const name = pair.split('=')[0];
        return fields.includes(formDecode(name)) ? `${name}=${REDACTED}` : pair;
      })
      .join('&');
  return { method: req.method, url: req.url, headers, ...(body !== undefined ? { body } : {}) };
}

/**
 * The response body as recorded. When the redactor hides tokens a vendor's AS issues, those
 * of a token response are registered with it (so every later use of them is shortened
 * too) and the body is shown re-serialized with them shortened.
 */
function shownBody(res: HttpResponse, redactor: Redactor): string {
  const body = asObject(res.json);
  if (!redactor.hidesIssuedTokens || !body) return res.text;
  const issued = ISSUED_TOKEN_MEMBERS.filter((m) => typeof body[m] === 'string');
  if (!issued.length) return res.text;
  for (const m of issued) redactor.addToken(body[m] as string);
  return JSON.stringify(body);
}

/**
 * One exchange as the transcript records it: credentials replaced where the request put
 * them, then everything redacted and bounded (Redactor.value: strings cut to
 * MAX_TRANSCRIPT_STRING, depth and breadth limited), its JWTs decoded.
 */
export function transcriptEntry(
  at: { step: number; kind: string },
  req: HttpRequest,
  res: HttpResponse | undefined,
  redactor: Redactor,
  note?: string,
): Exchange {
  const response = res
    ? { response: { status: res.status, headers: res.headers, body: shownBody(res, redactor) } }
    : {};
  return redactor.value({
    step: at.step,
    kind: at.kind,
    request: shownRequest(req),
    ...response,
    decoded: decodedOf(req, res),
    ...(note ? { note: cutString(note, MAX_TRANSCRIPT_STRING) } : {}),
  });
}
