/**
 * One clock for every thread of the load generator: CLOCK_MONOTONIC through `process.hrtime`,
 * which (unlike `performance.now()`, whose origin is per thread) reads the same in the main
 * thread and in every worker. Milliseconds, sub-microsecond resolution.
 */
export function clockNow(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}
