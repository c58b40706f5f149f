/**
 * Login throttling that brakes guessing without handing anyone a way to lock the owner out.
 * A lock per username alone did: five wrong passwords from anywhere kept the real owner out for
 * five minutes. So the hard limits are per (username, client address) and per client address
 * (an office shares one address: it may fail 4× as often), and a username that keeps failing,
 * from wherever, only makes each further attempt on it wait a little longer — a few seconds at
 * most — before its password is checked, so its owner always gets in.
 * Kept in memory: a restart forgets it, which is acceptable for a brake on guessing.
 */

/** The wait before checking a password, after 1, 2, 3… recent failures on the username: doubles from `firstMs` up to `maxMs`. */
export const LOGIN_DELAY = { firstMs: 250, maxMs: 3000 } as const;

/** Counts failures per key within a sliding window. */
export class FailureWindow {
  private readonly failures = new Map<string, number[]>();

  constructor(readonly windowMs: number) {}

  /** The failures of `key` still inside the window, oldest first. */
  recent(key: string, now: number): number[] {
    return (this.failures.get(key) ?? []).filter((t) => t > now - this.windowMs);
  }

  /** Seconds until `key` has fewer than `max` failures in the window, 0 when it has now. */
  retryAfter(key: string, max: number, now: number): number {
    const times = this.recent(key, now);
    if (times.length < max) return 0;
    const oldest = times[times.length - max] ?? now;
    return Math.max(1, Math.ceil((oldest + this.windowMs - now) / 1000));
  }

  /** Records a failure of `key`. */
  fail(key: string, now: number): void {
    this.failures.set(key, [...this.recent(key, now), now]);
    if (this.failures.size > 10_000) this.prune(now);
  }

  /** Forgets the failures of `key`. */
  clear(key: string): void {
    this.failures.delete(key);
  }

  private prune(now: number): void {
    for (const key of [...this.failures.keys()]) {
      if (this.recent(key, now).length === 0) this.failures.delete(key);
    }
  }
}

/** The login brake of one app: `maxFailures` per (username, address) and 4× that per address within `windowMs`. */
export class LoginLimiter {
  private readonly pairs: FailureWindow;
  private readonly addresses: FailureWindow;
  private readonly usernames: FailureWindow;

  constructor(
    readonly maxFailures: number,
    readonly windowMs: number,
  ) {
    this.pairs = new FailureWindow(windowMs);
    this.addresses = new FailureWindow(windowMs);
    this.usernames = new FailureWindow(windowMs);
  }

  /** Seconds until this username may be tried again from this address, 0 when it may now. */
  retryAfter(username: string, address: string, now: number): number {
    return Math.max(this.pairs.retryAfter(pairKey(username, address), this.maxFailures, now), this.addresses.retryAfter(address, this.maxFailures * 4, now));
  }

  /** How long to wait before checking a password for this username (0 when it has not been failing). */
  delayMs(username: string, now: number): number {
    const failures = this.usernames.recent(username.toLowerCase(), now).length;
    if (failures === 0) return 0;
    return Math.min(LOGIN_DELAY.firstMs * 2 ** (failures - 1), LOGIN_DELAY.maxMs);
  }

  /** Records a failed login. */
  fail(username: string, address: string, now: number): void {
    this.pairs.fail(pairKey(username, address), now);
    this.addresses.fail(address, now);
    this.usernames.fail(username.toLowerCase(), now);
  }

  /** A successful login: its username is no longer braked, and its address's failures on it are forgotten. */
  succeed(username: string, address: string): void {
    this.pairs.clear(pairKey(username, address));
    this.usernames.clear(username.toLowerCase());
  }
}

function pairKey(username: string, address: string): string {
  return `${username.toLowerCase()}\u0000${address}`;
}
