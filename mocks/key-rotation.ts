import { hkdfSync, randomBytes } from 'node:crypto';
import { base64url } from 'jose';
import type { SharedSecret } from '../protocol/shared-secret.js';

/** What a rotation replaces: the Model A secret S_V shared with the AS, or the RS's Model B ticket key. */
export type RotationTarget = 'shared-secret' | 'ticket-key';

export const ROTATION_TARGETS: readonly RotationTarget[] = ['shared-secret', 'ticket-key'];

/** The answer of a rotation (the admin endpoint's body). */
export interface RotationReport {
  what: RotationTarget;
  /** Rotations of this kind so far, this one included. */
  generation: number;
  /** shared-secret: the version now issued, and the one retiring. */
  active?: string;
  retiring?: string;
  /** Milliseconds until the previous version (or ticket key) is retired. */
  grace_ms: number;
}

/** Retired ticket keys remembered at most (only rs-b-accept-retired-ticket-key reads them). */
const MAX_RETIRED_TICKET_KEYS = 16;

/**
 * The next secret of a rotation, derived from the one it replaces, so that a mock AS and a
 * mock RS started apart (each with the fixed secrets) agree on it: test-only, like them.
 */
function nextSecret(previous: SharedSecret, generation: number): SharedSecret {
  const info = Buffer.from(`dpop-conformance key rotation ${generation}`, 'ascii');
  const bytes = new Uint8Array(hkdfSync('sha256', base64url.decode(previous.secret), new Uint8Array(0), info, 32));
  return { version: `rotated-${generation}`, status: 'active', secret: base64url.encode(bytes) };
}

/**
 * Key rotation at the mocks, while they run (DPoP-SK §5 step 4: a retired version is refused,
 * the client refreshes, the new token carries the active version; §6 step 4: a ticket that
 * does not decrypt is refused, the client renegotiates). A rotation makes a new secret version
 * the one the AS issues (or a new ticket key the one the RS seals with); the previous one is
 * still accepted for `graceMs`, then retired. The AS and RS of one process share one.
 */
export class KeyRotation {
  /** The shared secrets S_V, the version the AS issues first among the active ones. */
  secrets: SharedSecret[];
  /** The version active at start (as-sk-ignore-rotation keeps issuing it). */
  readonly startVersion: string | undefined;
  /** Versions a rotation retired (rs-sk-ignore-rotation still accepts them). */
  readonly retiredByRotation = new Set<string>();
  /** The key the RS seals new tickets with (DPoP-SK §6 step 2), and the ones it still opens. */
  ticketKey = new Uint8Array(randomBytes(32));
  retiringTicketKeys: Uint8Array[] = [];
  retiredTicketKeys: Uint8Array[] = [];
  /** Called when a ticket key is retired (the RS drops the tickets it opened). */
  onTicketKeyRetired?: () => void;
  private readonly generations: Record<RotationTarget, number> = { 'shared-secret': 0, 'ticket-key': 0 };
  /** Retirements waiting out the grace period, each by its timer. */
  private readonly pending = new Map<NodeJS.Timeout, () => void>();

  private readonly initial: readonly SharedSecret[];

  constructor(
    secrets: readonly SharedSecret[],
    readonly graceMs: number,
  ) {
    this.initial = secrets.map((s) => ({ ...s }));
    this.secrets = [...this.initial];
    this.startVersion = this.secrets.find((s) => s.status === 'active')?.version;
  }

  /** Back to the secrets of the start and a fresh ticket key, no rotation pending (a test's clean slate). */
  reset(): void {
    this.close();
    this.secrets = [...this.initial];
    this.retiredByRotation.clear();
    this.generations['shared-secret'] = this.generations['ticket-key'] = 0;
    this.ticketKey = new Uint8Array(randomBytes(32));
    this.retiringTicketKeys = [];
    this.retiredTicketKeys = [];
    this.onTicketKeyRetired?.();
  }

  rotate(what: RotationTarget): RotationReport {
    const generation = ++this.generations[what];
    if (what === 'ticket-key') {
      const previous = this.ticketKey;
      this.ticketKey = new Uint8Array(randomBytes(32));
      this.retiringTicketKeys.push(previous);
      this.later(() => this.retireTicketKey(previous));
      return { what, generation, grace_ms: this.graceMs };
    }
    const previous = this.secrets.find((s) => s.status === 'active');
    const next = nextSecret(
      previous ?? { version: 'none', status: 'active', secret: base64url.encode(randomBytes(32)) },
      generation,
    );
    this.secrets = [next, ...this.secrets];
    if (previous) this.later(() => this.retireVersion(previous.version));
    return { what, generation, active: next.version, retiring: previous?.version, grace_ms: this.graceMs };
  }

  /** Stops the grace timers (the servers are closing). */
  close(): void {
    for (const t of this.pending.keys()) clearTimeout(t);
    this.pending.clear();
  }

  /**
   * Ends every grace period now: what the timers would do when they fire. The in-process
   * mocks of a run call it instead of waiting the grace period out (as a wait step moves
   * their clock instead of sleeping).
   */
  endGrace(): void {
    const retirements = [...this.pending.values()];
    this.close();
    for (const retire of retirements) retire();
  }

  private later(retire: () => void): void {
    if (this.graceMs <= 0) return retire();
    const t = setTimeout(() => {
      this.pending.delete(t);
      retire();
    }, this.graceMs);
    t.unref();
    this.pending.set(t, retire);
  }

  private retireVersion(version: string): void {
    this.secrets = this.secrets.map((s) => (s.version === version ? { ...s, status: 'retired' } : s));
    this.retiredByRotation.add(version);
  }

  private retireTicketKey(key: Uint8Array): void {
    this.retiringTicketKeys = this.retiringTicketKeys.filter((k) => k !== key);
    this.retiredTicketKeys = [key, ...this.retiredTicketKeys].slice(0, MAX_RETIRED_TICKET_KEYS);
    this.onTicketKeyRetired?.();
  }
}
