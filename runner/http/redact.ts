import { PRIVATE_MEMBERS } from '../../protocol/jwk.js';
import { loadInputs } from '../../base/fixed-inputs.js';

export const REDACTED = '[REDACTED]';

/**
 * Removes secrets from anything headed for a report or a log: the client secrets,
 * every private key member of the fixed keys, the shared secrets S_V, each SK the
 * run learns, and whatever a target file names as secret. Basic credentials are
 * masked whole.
 */
export class Redactor {
  private readonly secrets = new Set<string>();

  constructor() {
    const inputs = loadInputs();
    this.add(inputs.clients.confidential.client_secret);
    for (const s of inputs.shared_secrets) this.add(s.secret);
    for (const jwk of [inputs.as_signing_key, ...Object.values(inputs.client_keys)]) {
      for (const m of PRIVATE_MEMBERS) {
        const v = (jwk as Record<string, unknown>)[m];
        if (typeof v === 'string') this.add(v);
      }
    }
  }

  add(secret: string | undefined): void {
    if (secret && secret.length >= 6) this.secrets.add(secret);
  }

  text(s: string): string {
    let out = s.replace(/\b(basic)\s+[A-Za-z0-9+/=._~-]+/gi, `$1 ${REDACTED}`);
    // A compact JWS/JWE segment whose decoded JSON holds a secret (a private jwk in a proof header, say).
    out = out.replace(/[A-Za-z0-9_-]{8,}(?:\.[A-Za-z0-9_-]*){2,4}/g, (token) =>
      token
        .split('.')
        .map((seg) => (this.hides(Buffer.from(seg, 'base64url').toString('utf8')) ? REDACTED : seg))
        .join('.'),
    );
    for (const secret of this.secrets) out = out.split(secret).join(REDACTED);
    for (const secret of this.secrets) out = out.split(encodeURIComponent(secret)).join(REDACTED);
    return out;
  }

  private hides(decoded: string): boolean {
    for (const secret of this.secrets) if (decoded.includes(secret)) return true;
    return false;
  }

  /** A deep copy of a JSON value with every string redacted. */
  value<T>(v: T): T {
    return JSON.parse(this.text(JSON.stringify(v ?? null))) as T;
  }
}
