import type { MockClock } from '../../mocks/config.js';

/**
 * The time the time probes (jti memory, nonce lifetime) move through. For the bundled
 * mocks it moves their clock forward (no waiting); for a vendor's server it waits, at most
 * `budgetSeconds` in all. `now()` is this machine's time plus what was added, in seconds.
 */
export interface ProfileTime {
  readonly kind: 'mock-clock' | 'wall-clock';
  /** Seconds added to the local clock so far (what proofs and minted tokens must add to their times). */
  readonly added: number;
  /** Seconds it may wait in all (0: it never waits). */
  readonly budgetSeconds: number;
  now(): number;
  /** Moves to `t` (seconds, on now()'s scale); false when that would exceed the budget. */
  advanceTo(t: number): Promise<boolean>;
}

/**
 * Moves the mocks' clock (mocks/config.ts MockClock) forward: nothing waits. Its now() is
 * the mocks' own (whole seconds), so that a time probe lands on the second it names.
 */
export class MockTime implements ProfileTime {
  readonly kind = 'mock-clock';
  readonly budgetSeconds = 0;
  added = 0;
  constructor(private readonly clock: MockClock) {}
  now(): number {
    return this.clock.now();
  }
  advanceTo(t: number): Promise<boolean> {
    const step = Math.ceil(t) - this.now();
    if (step > 0) {
      this.added += step;
      this.clock.offsetSeconds += step;
    }
    return Promise.resolve(true);
  }
}

/** Waits for real, at most budgetSeconds in all; a stop signal (--deadline) ends a wait at once. */
export class WallTime implements ProfileTime {
  readonly kind = 'wall-clock';
  readonly added = 0;
  private waited = 0;
  constructor(
    readonly budgetSeconds: number,
    private readonly stop?: AbortSignal,
  ) {}
  now(): number {
    return Date.now() / 1000;
  }
  async advanceTo(t: number): Promise<boolean> {
    const wait = t - this.now();
    if (wait <= 0) return true;
    if (this.waited + wait > this.budgetSeconds || this.stop?.aborted) return false;
    this.waited += wait;
    await new Promise<void>((done) => {
      const timer = setTimeout(done, wait * 1000);
      this.stop?.addEventListener('abort', () => (clearTimeout(timer), done()), { once: true });
    });
    return !this.stop?.aborted;
  }
}
