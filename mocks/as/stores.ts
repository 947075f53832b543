/** A map whose entries expire (authorization codes, refresh tokens). */
export class ExpiringStore<T> {
  private readonly items = new Map<string, { value: T; until: number }>();

  put(key: string, value: T, until: number): void {
    this.items.set(key, { value, until });
  }

  get(key: string, now: number): T | undefined {
    const item = this.items.get(key);
    if (!item) return undefined;
    if (item.until <= now) {
      this.items.delete(key);
      return undefined;
    }
    return item.value;
  }

  /** Reads and removes (one-time codes). */
  take(key: string, now: number): T | undefined {
    const v = this.get(key, now);
    this.items.delete(key);
    return v;
  }
}

export interface CodeGrant {
  clientId: string;
  redirectUri: string;
  codeChallenge: string;
  dpopJkt?: string;
  scope?: string;
}

export interface RefreshGrant {
  clientId: string;
  isPublic: boolean;
  /** The DPoP key a public client's refresh token is bound to (RFC 9449 §5). */
  jkt: string;
  scope?: string;
  /** R of the last issued cnf.sk (only the as-sk-reuse-r fault reads it). */
  lastR?: string;
}
