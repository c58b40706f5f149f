/**
 * The main thread's handle on a load-generator thread (`load-worker.ts`): sends it commands and
 * waits for its reports by type. Used by the relay and cluster parts.
 */
import { Worker } from 'node:worker_threads';
import type { WorkerCommand, WorkerReport } from './load-worker.ts';

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, Math.max(0, ms)));

/** A load-generator thread and the reports it sends. */
export class LoadWorkerHandle {
  private readonly worker = new Worker(new URL('./load-worker.mjs', import.meta.url));
  private readonly queue: WorkerReport[] = [];
  private readonly waiters: Array<{ type: WorkerReport['type']; resolve: (r: WorkerReport) => void; reject: (e: Error) => void }> = [];
  private failure: Error | null = null;

  constructor() {
    this.worker.on('message', (report: WorkerReport) => {
      if (report.type === 'error') return this.fail(new Error(`load worker: ${report.message}`));
      const i = this.waiters.findIndex((w) => w.type === report.type);
      if (i >= 0) this.waiters.splice(i, 1)[0]?.resolve(report);
      else this.queue.push(report);
    });
    this.worker.on('error', (error) => this.fail(error));
  }

  private fail(error: Error): void {
    this.failure = error;
    for (const w of this.waiters.splice(0)) w.reject(error);
  }

  send(cmd: WorkerCommand): void {
    this.worker.postMessage(cmd);
  }

  /** The next report of this type (queued ones first). */
  next<T extends WorkerReport['type']>(type: T): Promise<Extract<WorkerReport, { type: T }>> {
    if (this.failure) return Promise.reject(this.failure);
    const i = this.queue.findIndex((r) => r.type === type);
    if (i >= 0) return Promise.resolve(this.queue.splice(i, 1)[0] as Extract<WorkerReport, { type: T }>);
    return new Promise((resolve, reject) => this.waiters.push({ type, resolve: resolve as (r: WorkerReport) => void, reject }));
  }

  /** Closes the thread's clients and ends the thread. */
  async close(): Promise<void> {
    if (!this.failure) {
      this.send({ type: 'close' });
      await Promise.race([this.next('closed'), sleep(5000)]).catch(() => undefined);
    }
    await this.worker.terminate();
  }
}
