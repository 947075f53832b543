import { randomBytes } from 'node:crypto';
import { base64url } from 'jose';

/**
 * Server nonces (RFC 9449 §8, §9): a new one every `rotateSeconds`; a nonce is
 * accepted while it is the current or the previous one, so it expires after at
 * most two rotation periods.
 */
export class NonceStore {
  private current = { value: fresh(), since: 0 };
  private previous: string | undefined;

  constructor(private readonly rotateSeconds: number) {}

  /** The nonce to hand out now. */
  issue(now: number): string {
    if (this.current.since === 0) this.current.since = now;
    const elapsed = now - this.current.since;
    if (elapsed >= this.rotateSeconds) {
      // After two periods without a rotation the old nonce has expired as well.
      this.previous = elapsed >= 2 * this.rotateSeconds ? undefined : this.current.value;
      this.current = { value: fresh(), since: now };
    }
    return this.current.value;
  }

  /** The nonces a proof may carry now. */
  accepted(now: number): string[] {
    this.issue(now);
    return this.previous ? [this.current.value, this.previous] : [this.current.value];
  }
}

function fresh(): string {
  return base64url.encode(randomBytes(18));
}
