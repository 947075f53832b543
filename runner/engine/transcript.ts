import { decodeProtectedHeader } from 'jose';
import { decodeJws, type DecodedJws } from '../../protocol/decode-jws.js';
import type { Redactor } from '../http/redact.js';
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

/** Response bodies longer than this are cut in a transcript. */
const MAX_TRANSCRIPT_BODY = 4096;

/** The proofs, access tokens and dpop_sk JWE header of an exchange, decoded without verifying. */
function decodedOf(req: HttpRequest, res: HttpResponse | undefined): Record<string, DecodedJws> {
  const decoded: Record<string, DecodedJws> = {};
  for (const [name, value] of req.headers) {
    const n = name.toLowerCase();
    if (n === 'dpop') {
      const d = decodeJws(value);
      if (d) decoded[decoded['DPoP proof'] ? 'second DPoP proof' : 'DPoP proof'] = d;
    }
    if (n === 'authorization') {
      const d = decodeJws(value.split(' ')[1]);
      if (d) decoded['access token (request)'] = d;
    }
  }
  const body = res?.json as Record<string, unknown> | undefined;
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

const cut = (text: string) =>
  text.length > MAX_TRANSCRIPT_BODY ? `${text.slice(0, MAX_TRANSCRIPT_BODY)}… (${text.length} characters)` : text;

/** One exchange as the transcript records it: redacted, a long body cut, its JWTs decoded. */
export function transcriptEntry(
  at: { step: number; kind: string },
  req: HttpRequest,
  res: HttpResponse | undefined,
  redactor: Redactor,
  note?: string,
): Exchange {
  const body = req.body !== undefined ? { body: req.body } : {};
  return redactor.value({
    step: at.step,
    kind: at.kind,
    request: { method: req.method, url: req.url, headers: req.headers, ...body },
    ...(res ? { response: { status: res.status, headers: res.headers, body: cut(res.text) } } : {}),
    decoded: decodedOf(req, res),
    ...(note ? { note } : {}),
  });
}
