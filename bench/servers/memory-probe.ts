/**
 * Lets the benchmark ask a server child for its memory after a full garbage collection (over
 * the IPC channel; the child runs with --expose-gc): RSS alone moves with every GC and says
 * little about what a server retains.
 */

/** What the child answers to `'memory'`: process.memoryUsage() after gc(), in bytes. */
export interface MemoryReport {
  type: 'memory';
  rss: number;
  heapUsed: number;
  external: number;
  arrayBuffers: number;
}

/** Answers `'memory'` requests from the parent process. */
export function memoryProbeInstall(): void {
  process.on('message', (message: unknown) => {
    if (message !== 'memory') return;
    const gc = (globalThis as { gc?: () => void }).gc;
    gc?.();
    gc?.();
    const m = process.memoryUsage();
    const report: MemoryReport = { type: 'memory', rss: m.rss, heapUsed: m.heapUsed, external: m.external, arrayBuffers: m.arrayBuffers };
    process.send?.(report);
  });
  process.channel?.unref();
}
