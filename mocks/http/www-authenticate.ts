/** A DPoP challenge (RFC 9449 §7.1): `DPoP error="…", error_description="…", algs="…"`. */
export function dpopChallenge(params: { error?: string; description?: string; algs?: readonly string[] }): string {
  const parts: string[] = [];
  if (params.error) parts.push(`error="${params.error}"`);
  if (params.description)
    parts.push(`error_description="${params.description.replace(/["\\]/g, "'").replace(/[^\x20-\x7E]/g, '?')}"`);
  if (params.algs?.length) parts.push(`algs="${params.algs.join(' ')}"`);
  return parts.length ? `DPoP ${parts.join(', ')}` : 'DPoP';
}
