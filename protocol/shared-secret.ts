/** A versioned secret S_V that an AS and its RSs share (DPoP-SK §1, §5 steps 3–4). */
export interface SharedSecret {
  version: string;
  status: 'active' | 'retired';
  /** base64url, at least 32 bytes. */
  secret: string;
}
