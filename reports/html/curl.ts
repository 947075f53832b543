import type { Exchange } from '../../runner/engine/transcript.js';
import { withoutControls } from '../printable.js';

/** Header fields curl writes itself. */
const CURL_SETS = new Set(['content-length', 'host', 'connection']);

/** A POSIX shell single-quoted word; control characters (a hostile value's line breaks) become "?". */
function quote(s: string): string {
  const clean = withoutControls(s);
  return `'${clean.split("'").join(`'\\''`)}'`;
}

/**
 * The request of one transcript step as a curl command line, to replay it outside the tool.
 * It is built from the transcript, which is redacted: secrets show as the redaction marker;
 * the DPoP proof is the one sent (it is single-use, so a replay may be refused as such).
 */
export function curlCommand(request: Exchange['request']): string {
  const parts = ['curl -i', `-X ${quote(request.method)}`, quote(request.url)];
  for (const [k, v] of request.headers) if (!CURL_SETS.has(k.toLowerCase())) parts.push(`-H ${quote(`${k}: ${v}`)}`);
  if (request.body !== undefined) parts.push(`--data-raw ${quote(request.body)}`);
  return parts.join(' \\\n  ');
}
