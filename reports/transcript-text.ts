import type { Exchange } from '../runner/engine/transcript.js';

/** A case's transcript as plain text (junit.xml's system-out): requests, responses, decoded JWTs. */
export function transcriptText(transcript: readonly Exchange[]): string {
  return transcript
    .map((x) => {
      const req = [
        `${x.request.method} ${x.request.url}`,
        ...x.request.headers.map(([k, v]) => `${k}: ${v}`),
        ...(x.request.body ? ['', x.request.body] : []),
      ].join('\n');
      const res = x.response
        ? [
            `HTTP ${x.response.status}`,
            ...Object.entries(x.response.headers).map(([k, v]) => `${k}: ${v}`),
            '',
            x.response.body,
          ].join('\n')
        : (x.note ?? 'no response');
      const decoded = Object.entries(x.decoded)
        .map(
          ([n, d]) =>
            `${n}:\nheader ${JSON.stringify(d.header, null, 2)}\npayload ${JSON.stringify(d.claims, null, 2)}`,
        )
        .join('\n');
      return `--- step ${x.step} (${x.kind}) ---\n${req}\n\n${res}${decoded ? `\n\n${decoded}` : ''}`;
    })
    .join('\n\n');
}
