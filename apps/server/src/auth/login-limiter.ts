/**
 * Login throttling that brakes guessing without handing anyone a way to lock the owner out.
 * A lock per username alone did: five wrong passwords from anywhere kept the real owner out for
 * five minutes. So the hard limits are per (username, client address) and per client address
 * (an office shares one address: it may fail 4× as often), and a username that keeps failing,
 * from wherever, only makes each further attempt on it wait a little longer — a few seconds at
 * most — before its password is checked, so its owner always gets in.
 * Kept in memory, or with several servers in Redis so that the limits hold across them (a
 * guesser gains nothing by spreading attempts over the servers); a restart, or Redis lost,
 * forgets it, which is acceptable for a brake on guessing.
 */

/** The wait before checking a password, after 1, 2, 3… recent failures on the username: doubles from `firstMs` up to `maxMs`. */
export const LOGIN_DELAY = { firstMs: 250, maxMs: 3000 } as const;

/** Where the failures of each key within the window are counted. */
export interface FailureCounts {
  /** The failures of `key` still inside the window, oldest first. */
  recent: (key: string, now: number) => Promise<number[]>;
  /** Records a failure of `key`. */
  fail: (key: string, now: number) => Promise<void>;
  /** Forgets the failures of `key`. */
  clear: (key: string) => Promise<void>;
}

/** Seconds until `times` (failures, oldest first) hold fewer than `max` within the window, 0 when they do now. */
export function failuresRetryAfter(times: readonly number[], max: number, windowMs: number, now: number): number {
  if (times.length < max) return 0;
  const oldest = times[times.length - max] ?? now;
  return Math.max(1, Math.ceil((oldest + windowMs - now) / 1000));
}

/** Counts failures per key within a sliding window, in this process's memory. */
export class FailureWindow implements FailureCounts {
  private readonly failures = new Map<string, number[]>();

  constructor(readonly windowMs: number) {}

  async recent(key: string, now: number): Promise<number[]> {
    return this.recentNow(key, now);
  }

  async fail(key: string, now: number): Promise<void> {
    this.failures.set(key, [...this.recentNow(key, now), now]);
    if (this.failures.size > 10_000) this.prune(now);
  }

  async clear(key: string): Promise<void> {
    this.failures.delete(key);
  }

  private recentNow(key: string, now: number): number[] {
    return (this.failures.get(key) ?? []).filter((t) => t > now - this.windowMs);
  }

  private prune(now: number): void {
    for (const key of [...this.failures.keys()]) {
      if (this.recentNow(key, now).length === 0) this.failures.delete(key);
    }
  }
}

/** The three windows a limiter counts in; each name is a separate key space. */
export type FailureWindows = (name: 'pair' | 'address' | 'username', windowMs: number) => FailureCounts;

/** The login brake of one app: `maxFailures` per (username, address) and 4× that per address within `windowMs`. */
export class LoginLimiter {
  private readonly pairs: FailureCounts;
  private readonly addresses: FailureCounts;
  private readonly usernames: FailureCounts;

  /** `windows`: where failures are counted (default: this process's memory). */
  constructor(
    readonly maxFailures: number,
    readonly windowMs: number,
    windows: FailureWindows = (_name, ms) => new FailureWindow(ms),
  ) {
    this.pairs = windows('pair', windowMs);
    this.addresses = windows('address', windowMs);
    this.usernames = windows('username', windowMs);
  }

  /** Seconds until this username may be tried again from this address, 0 when it may now. */
  async retryAfter(username: string, address: string, now: number): Promise<number> {
    const [pair, all] = await Promise.all([this.pairs.recent(pairKey(username, address), now), this.addresses.recent(address, now)]);
    return Math.max(failuresRetryAfter(pair, this.maxFailures, this.windowMs, now), failuresRetryAfter(all, this.maxFailures * 4, this.windowMs, now));
  }

  /** How long to wait before checking a password for this username (0 when it has not been failing). */
  async delayMs(username: string, now: number): Promise<number> {
    const failures = (await this.usernames.recent(username.toLowerCase(), now)).length;
    if (failures === 0) return 0;
    return Math.min(LOGIN_DELAY.firstMs * 2 ** (failures - 1), LOGIN_DELAY.maxMs);
  }

  /** Records a failed login. */
  async fail(username: string, address: string, now: number): Promise<void> {
    await Promise.all([this.pairs.fail(pairKey(username, address), now), this.addresses.fail(address, now), this.usernames.fail(username.toLowerCase(), now)]);
  }

  /** A successful login: its username is no longer braked, and its address's failures on it are forgotten. */
  async succeed(username: string, address: string): Promise<void> {
    await Promise.all([this.pairs.clear(pairKey(username, address)), this.usernames.clear(username.toLowerCase())]);
  }
}

function pairKey(username: string, address: string): string {
  return `${username.toLowerCase()}\u0000${address}`;
}
