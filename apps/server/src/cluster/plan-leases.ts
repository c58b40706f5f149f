/**
 * Who owns a plan's live document when several servers share one PostgreSQL database. The
 * permission check needs the plan's current state, so exactly one server holds the document
 * that accepts edits: the holder of the plan's lease (`plan_leases`). A lease lasts `ttlMs` by
 * the database's clock and is renewed while its server lives; a server takes a plan whose lease
 * has run out, and the epoch (the fencing token) grows with every change of owner. Appends carry
 * the epoch they were accepted under and the store refuses them under any other
 * (`DocStoreFencedError`), so a server that was frozen or cut off past its lease cannot write
 * once another has taken over: when it learns that, it drops the plan and closes its clients,
 * who reconnect to the new owner.
 */
import type { DocFence } from '../store/doc-store.ts';
import type { Gauge } from '../metrics.ts';
import type { PgSql } from '../store/pg.ts';

/** This server as the others see it. */
export interface ClusterInstance {
  /** Unique per process start. */
  id: string;
  /** Where the others reach it (http://host:port). */
  url: string;
}

/** The owner of a plan: this server (with the fence to write under) or another one (where to reach it). */
export type PlanOwner = { mine: true; fence: DocFence } | { mine: false; url: string; owner: string };

export interface PlanLeaseOptions {
  /** How long a lease lasts without renewal. */
  ttlMs: number;
  /** How often held leases are renewed (well under `ttlMs`). */
  renewMs: number;
}

export const PLAN_LEASE_DEFAULTS: PlanLeaseOptions = { ttlMs: 6000, renewMs: 1500 };

export class PlanLeases {
  private readonly held = new Map<string, DocFence>();
  private readonly lostListeners = new Set<(planId: string) => void>();
  private renewer: NodeJS.Timeout | null = null;
  private renewing: Promise<void> | null = null;
  private lastRenewed = Date.now();

  constructor(
    private readonly sql: PgSql,
    readonly instance: ClusterInstance,
    private readonly options: PlanLeaseOptions = PLAN_LEASE_DEFAULTS,
    /** Set to the number of plans held (`/metrics`). */
    private readonly gauge: Gauge | null = null,
  ) {}

  /** Starts renewing the leases this server holds. */
  start(): void {
    this.renewer ??= setInterval(() => void this.renew(), this.options.renewMs);
    this.renewer.unref();
  }

  /** Calls `listener` with each plan whose lease this server lost (taken over, or not renewed in time). */
  onLost(listener: (planId: string) => void): () => void {
    this.lostListeners.add(listener);
    return () => this.lostListeners.delete(listener);
  }

  /** The fence of a plan this server holds, or null. */
  fenceOf(planId: string): DocFence | null {
    return this.held.get(planId) ?? null;
  }

  /** Plans this server holds. */
  get size(): number {
    return this.held.size;
  }

  /**
   * The plan's owner: this server when it holds the lease or could take it (no lease, one that
   * ran out, or one of a former process at this server's own address, which is gone: one
   * process listens on an address at a time), else the server that holds it; null when there is
   * no such live plan.
   */
  async claim(planId: string): Promise<PlanOwner | null> {
    const { ttlMs } = this.options;
    const rows = await this.sql<Array<{ owner: string; owner_url: string; epoch: number }>>`
      INSERT INTO plan_leases AS l (plan_id, owner, owner_url, epoch, expires_at)
      SELECT ${planId}, ${this.instance.id}, ${this.instance.url}, 1, (extract(epoch from clock_timestamp()) * 1000)::bigint + ${ttlMs}
       WHERE EXISTS (SELECT 1 FROM plans WHERE id = ${planId} AND deleted_at IS NULL)
      ON CONFLICT (plan_id) DO UPDATE
        SET owner = excluded.owner, owner_url = excluded.owner_url, expires_at = excluded.expires_at,
            -- Kept only while this server holds the lease without a break: any other claim is a new tenure.
            epoch = CASE WHEN l.owner = excluded.owner AND l.expires_at >= (extract(epoch from clock_timestamp()) * 1000)::bigint
                         THEN l.epoch ELSE l.epoch + 1 END
        WHERE l.owner = excluded.owner OR l.owner_url = excluded.owner_url
           OR l.expires_at < (extract(epoch from clock_timestamp()) * 1000)::bigint
      RETURNING owner, owner_url, epoch`;
    const mine = rows[0];
    if (mine) {
      const fence: DocFence = { owner: this.instance.id, epoch: mine.epoch };
      const before = this.held.get(planId);
      // Held before under another epoch: someone owned it in between, what was loaded is stale.
      if (before && before.epoch !== fence.epoch) this.lost(planId);
      this.held.set(planId, fence);
      this.gauge?.set(this.held.size);
      return { mine: true, fence };
    }
    if (this.held.has(planId)) this.lost(planId);
    const other = (await this.sql<Array<{ owner: string; owner_url: string }>>`SELECT owner, owner_url FROM plan_leases WHERE plan_id = ${planId}`)[0];
    if (other) return { mine: false, url: other.owner_url, owner: other.owner };
    // No lease and none taken: no such live plan, or its owner released it just now.
    const live = await this.sql`SELECT 1 FROM plans WHERE id = ${planId} AND deleted_at IS NULL`;
    return live.length > 0 ? this.claim(planId) : null;
  }

  /**
   * Gives a plan up (unloaded): another server may take it at once. The row stays, expired, so
   * the next tenure's epoch is higher than every earlier one.
   */
  async release(planId: string): Promise<void> {
    const fence = this.held.get(planId);
    if (!fence) return;
    this.held.delete(planId);
    this.gauge?.set(this.held.size);
    await this.sql`UPDATE plan_leases SET expires_at = 0 WHERE plan_id = ${planId} AND owner = ${fence.owner} AND epoch = ${fence.epoch}`.catch(() => {});
  }

  /** Renews every held lease in one statement; a lease not renewed is lost (taken over). */
  renew(): Promise<void> {
    this.renewing ??= this.renewOnce().finally(() => {
      this.renewing = null;
    });
    return this.renewing;
  }

  private async renewOnce(): Promise<void> {
    const plans = [...this.held.keys()];
    const started = Date.now();
    if (plans.length === 0) {
      this.lastRenewed = started;
      return;
    }
    try {
      const rows = await this.sql<Array<{ plan_id: string; epoch: number }>>`
        UPDATE plan_leases SET expires_at = (extract(epoch from clock_timestamp()) * 1000)::bigint + ${this.options.ttlMs}
         WHERE owner = ${this.instance.id} AND plan_id = ANY(${this.sql.array(plans)}::text[])
        RETURNING plan_id, epoch`;
      const renewed = new Map(rows.map((r) => [r.plan_id, r.epoch]));
      for (const planId of plans) {
        const fence = this.held.get(planId);
        if (fence && renewed.get(planId) !== fence.epoch) this.lost(planId);
      }
      this.lastRenewed = started;
    } catch {
      // The database unreachable: past the lease, another server may own these plans. Appends are
      // fenced anyway; stop serving what may be stale.
      if (Date.now() - this.lastRenewed > this.options.ttlMs) for (const planId of plans) this.lost(planId);
    }
  }

  private lost(planId: string): void {
    if (!this.held.delete(planId)) return;
    this.gauge?.set(this.held.size);
    for (const listener of this.lostListeners) listener(planId);
  }

  /** Stops renewing and gives every plan up. */
  async close(): Promise<void> {
    if (this.renewer) clearInterval(this.renewer);
    this.renewer = null;
    await this.renewing;
    await Promise.all([...this.held.keys()].map((planId) => this.release(planId)));
  }
}
