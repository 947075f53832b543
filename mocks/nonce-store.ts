import { randomBytes } from 'node:crypto';
import { base64url } from 'jose';

/**
 * Server nonces (RFC 9449 §8, §9): a new one once the current is `rotateSeconds` old
 * (made when next asked for); a nonce is accepted while it is the current one, or the
 * previous one and less than two rotation periods old — so each lives exactly two
 * periods from when it was made (docs/server-profile.md measures that).
 */
export class NonceStore {
  private current = { value: fresh(), since: 0 };
  private previous: { value: string; since: number } | undefined;

  constructor(private readonly rotateSeconds: number) {}

  /** The nonce to hand out now. */
  issue(now: number): string {
    if (this.current.since === 0) this.current.since = now;
    const elapsed = now - this.current.since;
    if (elapsed >= this.rotateSeconds) {
      // After two periods without a rotation the old nonce has expired as well.
      this.previous = elapsed >= 2 * this.rotateSeconds ? undefined : this.current;
      this.current = { value: fresh(), since: now };
    }
    return this.current.value;
  }

  /** The nonces a proof may carry now. */
  accepted(now: number): string[] {
    this.issue(now);
    const previousLive = this.previous && now - this.previous.since < 2 * this.rotateSeconds;
    return previousLive ? [this.current.value, this.previous!.value] : [this.current.value];
  }
}

function fresh(): string {
  return base64url.encode(randomBytes(18));
}
