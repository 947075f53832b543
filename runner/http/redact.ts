import { loadInputs, PRIVATE_MEMBERS } from '../protocol/inputs.js';

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
    for (const secret of this.secrets) out = out.split(secret).join(REDACTED);
    for (const secret of this.secrets) out = out.split(encodeURIComponent(secret)).join(REDACTED);
    return out;
  }

  /** A deep copy of a JSON value with every string redacted. */
  value<T>(v: T): T {
    return JSON.parse(this.text(JSON.stringify(v ?? null))) as T;
  }
}
