/**
 * A small metrics registry (counters, gauges, histograms without labels) and its Prometheus
 * text exposition for `GET /metrics`. The sync endpoint and the store update the named
 * metrics of `Metrics`; nothing here does I/O.
 */

/** A value that only goes up. */
export class Counter {
  value = 0;
  constructor(
    readonly name: string,
    readonly help: string,
  ) {}
  inc(by = 1): void {
    if (by < 0) throw new Error(`counter ${this.name} cannot decrease`);
    this.value += by;
  }
  expose(): string {
    return `# HELP ${this.name} ${this.help}\n# TYPE ${this.name} counter\n${this.name} ${num(this.value)}\n`;
  }
}

/** A value that goes up and down. */
export class Gauge {
  value = 0;
  constructor(
    readonly name: string,
    readonly help: string,
  ) {}
  set(value: number): void {
    this.value = value;
  }
  inc(by = 1): void {
    this.value += by;
  }
  dec(by = 1): void {
    this.value -= by;
  }
  expose(): string {
    return `# HELP ${this.name} ${this.help}\n# TYPE ${this.name} gauge\n${this.name} ${num(this.value)}\n`;
  }
}

/** Observations counted into cumulative buckets (upper bounds, ascending), with sum and count. */
export class Histogram {
  readonly counts: number[];
  sum = 0;
  count = 0;
  constructor(
    readonly name: string,
    readonly help: string,
    readonly buckets: readonly number[],
  ) {
    this.counts = buckets.map(() => 0);
  }
  observe(value: number): void {
    this.sum += value;
    this.count += 1;
    for (let i = 0; i < this.buckets.length; i += 1) {
      if (value <= (this.buckets[i] ?? Infinity)) this.counts[i] = (this.counts[i] ?? 0) + 1;
    }
  }
  /** Starts a timer; calling the result observes the elapsed seconds. */
  startTimer(): () => number {
    const start = process.hrtime.bigint();
    return () => {
      const seconds = Number(process.hrtime.bigint() - start) / 1e9;
      this.observe(seconds);
      return seconds;
    };
  }
  expose(): string {
    const lines = [`# HELP ${this.name} ${this.help}`, `# TYPE ${this.name} histogram`];
    this.buckets.forEach((le, i) => lines.push(`${this.name}_bucket{le="${num(le)}"} ${this.counts[i] ?? 0}`));
    lines.push(`${this.name}_bucket{le="+Inf"} ${this.count}`, `${this.name}_sum ${num(this.sum)}`, `${this.name}_count ${this.count}`);
    return `${lines.join('\n')}\n`;
  }
}

type Metric = Counter | Gauge | Histogram;

/** The server's metrics, by role; `text()` renders all of them for Prometheus. */
export interface Metrics {
  wsConnections: Gauge;
  docsLoaded: Gauge;
  updatesReceived: Counter;
  updatesRejected: Counter;
  updatesPersisted: Counter;
  /** Presence entries dropped because their connection already speaks for its limit of client ids. */
  awarenessRefused: Counter;
  /** Connections closed (4429) because their user spent the budget of what the server sends them. */
  sendBudgetCloses: Counter;
  /** Time to write one update durably, in seconds. */
  persistSeconds: Histogram;
  /** Plans this server holds the lease of (several servers on one database). */
  plansOwned: Gauge;
  /** Sync connections this server relays to the plan's owner (several servers). */
  connectionsForwarded: Gauge;
  /** Plans dropped because another server took them over. */
  plansFenced: Counter;
  /** Every metric, in exposition order. */
  readonly all: readonly Metric[];
  /** The Prometheus text exposition format (version 0.0.4). */
  text: () => string;
}

/** Content type of `Metrics.text()`. */
export const METRICS_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';

/** Fresh metrics, all zero. */
export function metricsCreate(): Metrics {
  const wsConnections = new Gauge('phuluc_ws_connections', 'Open sync WebSocket connections.');
  const docsLoaded = new Gauge('phuluc_docs_loaded', 'Plan documents loaded in memory.');
  const updatesReceived = new Counter('phuluc_updates_received_total', 'Document updates received from clients.');
  const updatesRejected = new Counter('phuluc_updates_rejected_total', 'Document updates rejected (permissions, corrupt, causal gap).');
  const updatesPersisted = new Counter('phuluc_updates_persisted_total', 'Document updates written durably.');
  const awarenessRefused = new Counter('phuluc_awareness_refused_total', 'Presence entries dropped: the connection already speaks for its limit of client ids.');
  const sendBudgetCloses = new Counter('phuluc_send_budget_closes_total', 'Connections closed because their user spent the budget of bytes the server sends them.');
  const persistSeconds = new Histogram('phuluc_persist_seconds', 'Time to write one update durably, in seconds.', [
    0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1,
  ]);
  const plansOwned = new Gauge('phuluc_plans_owned', 'Plans whose live document this server holds the lease of (several servers).');
  const connectionsForwarded = new Gauge('phuluc_connections_forwarded', "Sync connections relayed to the plan's owner on another server.");
  const plansFenced = new Counter('phuluc_plans_fenced_total', 'Plans dropped because another server took them over.');
  const all: Metric[] = [
    wsConnections,
    docsLoaded,
    updatesReceived,
    updatesRejected,
    updatesPersisted,
    awarenessRefused,
    sendBudgetCloses,
    persistSeconds,
    plansOwned,
    connectionsForwarded,
    plansFenced,
  ];
  return {
    wsConnections,
    docsLoaded,
    updatesReceived,
    updatesRejected,
    updatesPersisted,
    awarenessRefused,
    sendBudgetCloses,
    persistSeconds,
    plansOwned,
    connectionsForwarded,
    plansFenced,
    all,
    text: () => all.map((m) => m.expose()).join(''),
  };
}

function num(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Infinity) return '+Inf';
  if (value === -Infinity) return '-Inf';
  return String(value);
}
