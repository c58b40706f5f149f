/**
 * What the server may send a user in answer to their own requests (sync step 2, presence
 * lists): one token bucket of bytes per user, shared by all their connections, so one person
 * cannot make the server encode and push the whole plan in a loop while the others wait. A user
 * past it is closed with `sendBudgetSpent` (4429).
 */
import type { SyncLimits } from './sync-limits.ts';

/** How often buckets that have filled up again are forgotten. */
const SWEEP_INTERVAL_MS = 60_000;

interface Bucket {
  tokens: number;
  at: number;
}

/** Per-user token buckets of bytes (see `SyncLimits.sendBytesPerSecond`). */
export class SendBudget {
  private readonly buckets = new Map<string, Bucket>();
  private lastSweep: number;

  constructor(
    private readonly limits: Pick<SyncLimits, 'sendBytesPerSecond' | 'sendBurstBytes' | 'sendMinChargeBytes'>,
    private readonly now: () => number = Date.now,
  ) {
    this.lastSweep = now();
  }

  /**
   * Charges an answer of `bytes` (at least `sendMinChargeBytes`) to `userId`; false, charging
   * nothing, when their bucket holds less. An answer larger than the whole burst passes when
   * the bucket is full (the bucket then goes into debt), so any plan can still be loaded once.
   */
  take(userId: string, bytes: number): boolean {
    const now = this.now();
    this.sweep(now);
    const bucket = this.refilled(this.buckets.get(userId), now);
    this.buckets.set(userId, bucket);
    if (!this.covers(bucket, bytes)) return false;
    bucket.tokens -= Math.max(bytes, this.limits.sendMinChargeBytes);
    return true;
  }

  /** Whether `take(userId, bytes)` would pass now (charges nothing): asked before costly work. */
  affords(userId: string, bytes: number): boolean {
    const bucket = this.buckets.get(userId);
    return !bucket || this.covers(this.refilled(bucket, this.now()), bytes);
  }

  private covers(bucket: Bucket, bytes: number): boolean {
    const charge = Math.max(bytes, this.limits.sendMinChargeBytes);
    return bucket.tokens >= Math.min(charge, this.limits.sendBurstBytes);
  }

  private refilled(bucket: Bucket | undefined, now: number): Bucket {
    if (!bucket) return { tokens: this.limits.sendBurstBytes, at: now };
    const tokens = Math.min(this.limits.sendBurstBytes, bucket.tokens + (Math.max(0, now - bucket.at) / 1000) * this.limits.sendBytesPerSecond);
    return Object.assign(bucket, { tokens, at: now });
  }

  /** Forgets full buckets (a forgotten bucket starts full): the map holds only recent spenders. */
  private sweep(now: number): void {
    if (now - this.lastSweep < SWEEP_INTERVAL_MS) return;
    this.lastSweep = now;
    for (const [userId, bucket] of this.buckets) {
      if (this.refilled(bucket, now).tokens >= this.limits.sendBurstBytes) this.buckets.delete(userId);
    }
  }
}
