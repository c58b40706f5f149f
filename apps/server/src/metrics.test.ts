/** The metrics registry and its Prometheus text. */
import { describe, expect, it } from 'vitest';
import { Counter, Gauge, Histogram, metricsCreate } from './metrics.ts';

describe('metrics', () => {
  it('exposes every named metric of the server, starting at zero', () => {
    const text = metricsCreate().text();
    for (const [name, type] of [
      ['phuluc_ws_connections', 'gauge'],
      ['phuluc_docs_loaded', 'gauge'],
      ['phuluc_updates_received_total', 'counter'],
      ['phuluc_updates_rejected_total', 'counter'],
      ['phuluc_updates_persisted_total', 'counter'],
      ['phuluc_awareness_refused_total', 'counter'],
      ['phuluc_send_budget_closes_total', 'counter'],
      ['phuluc_persist_seconds', 'histogram'],
    ]) {
      expect(text).toContain(`# TYPE ${name} ${type}\n`);
    }
    expect(text).toContain('phuluc_persist_seconds_bucket{le="+Inf"} 0\n');
  });

  it('counts up only, while gauges go both ways', () => {
    const counter = new Counter('c_total', 'c');
    counter.inc();
    counter.inc(2);
    expect(() => counter.inc(-1)).toThrow();
    expect(counter.expose()).toBe('# HELP c_total c\n# TYPE c_total counter\nc_total 3\n');
    const gauge = new Gauge('g', 'g');
    gauge.inc(5);
    gauge.dec(2);
    expect(gauge.value).toBe(3);
  });

  it('puts an observation in every bucket at or above it, with sum and count', () => {
    const h = new Histogram('h_seconds', 'h', [0.01, 0.1, 1]);
    h.observe(0.05);
    h.observe(0.5);
    h.observe(5);
    expect(h.expose().split('\n')).toEqual([
      '# HELP h_seconds h',
      '# TYPE h_seconds histogram',
      'h_seconds_bucket{le="0.01"} 0',
      'h_seconds_bucket{le="0.1"} 1',
      'h_seconds_bucket{le="1"} 2',
      'h_seconds_bucket{le="+Inf"} 3',
      'h_seconds_sum 5.55',
      'h_seconds_count 3',
      '',
    ]);
  });
});
