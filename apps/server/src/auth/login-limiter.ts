/**
 * Login throttling: after `maxFailures` failed logins within `windowMs`, for one username or
 * from one client address, further attempts are refused until the oldest failure leaves the
 * window. Kept in memory: a restart forgets it, which is acceptable for a brake on guessing.
 */

/** Counts failed logins per key (e.g. `user:admin`, `ip:10.0.0.1`). */
export class LoginLimiter {
  private readonly failures = new Map<string, number[]>();

  constructor(
    readonly maxFailures: number,
    readonly windowMs: number,
  ) {}

  /** Seconds until an attempt under any of these keys is allowed again, 0 when it is allowed now. */
  retryAfter(keys: readonly string[], now: number): number {
    let wait = 0;
    for (const key of keys) {
      const times = this.recent(key, now);
      if (times.length >= this.maxFailures) {
        const oldest = times[times.length - this.maxFailures] ?? now;
        wait = Math.max(wait, Math.ceil((oldest + this.windowMs - now) / 1000));
      }
    }
    return wait;
  }

  /** Records a failed attempt under each key. */
  fail(keys: readonly string[], now: number): void {
    for (const key of keys) this.failures.set(key, [...this.recent(key, now), now]);
    if (this.failures.size > 10_000) this.prune(now);
  }

  /** Forgets the failures of a key (a successful login clears its username). */
  clear(key: string): void {
    this.failures.delete(key);
  }

  private recent(key: string, now: number): number[] {
    return (this.failures.get(key) ?? []).filter((t) => t > now - this.windowMs);
  }

  private prune(now: number): void {
    for (const key of [...this.failures.keys()]) {
      if (this.recent(key, now).length === 0) this.failures.delete(key);
    }
  }
}
