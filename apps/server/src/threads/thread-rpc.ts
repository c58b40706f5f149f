/**
 * Calling functions that run in a worker thread: `threadStart(module, data)` starts a thread
 * running `module`, which answers with `threadServe(handlers)`; `call(op, input)` posts one
 * request and resolves with the handler's result (or rejects with its error's message). Requests
 * are answered in any order. The thread keeps the process alive only while a call is pending, and
 * a thread that died is started again on the next call.
 */
import { parentPort, Worker, workerData } from 'node:worker_threads';

/** What a thread serves: one function per operation, taking one structured-clonable input. */
export type ThreadHandlers = Record<string, (input: never) => unknown>;

type Request = { id: number; op: string; input: unknown };
type Response = { id: number; ok: true; value: unknown } | { id: number; ok: false; message: string };

export interface ThreadClient<H extends ThreadHandlers> {
  /** Runs `op` in the thread; `transfer` lists buffers handed over (not copied). */
  call: <K extends keyof H & string>(op: K, input: Parameters<H[K]>[0], transfer?: ArrayBuffer[]) => Promise<Awaited<ReturnType<H[K]>>>;
  /** Starts the thread if it is not running, and resolves once it answers. */
  ready: () => Promise<void>;
  /** Ends the thread once the calls already made are answered. */
  close: () => Promise<void>;
}

interface Waiting {
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
}

const ENTRY = new URL('./thread-entry.mjs', import.meta.url);

/** Starts a thread running `module` (a URL of a module that calls `threadServe`). */
export function threadStart<H extends ThreadHandlers>(module: URL, data: unknown = null, name = 'phuluc-thread'): ThreadClient<H> {
  let worker: Worker | null = null;
  let nextId = 1;
  const waiting = new Map<number, Waiting>();

  const failAll = (error: Error): void => {
    for (const w of waiting.values()) w.reject(error);
    waiting.clear();
  };
  const spawn = (): Worker => {
    const w = new Worker(ENTRY, { workerData: { module: module.href, data }, name });
    w.unref();
    w.on('message', (response: Response) => {
      const entry = waiting.get(response.id);
      if (!entry) return;
      waiting.delete(response.id);
      if (waiting.size === 0) w.unref();
      if (response.ok) entry.resolve(response.value);
      else entry.reject(new Error(response.message));
    });
    w.on('error', (error: Error) => {
      if (worker === w) worker = null;
      failAll(error);
    });
    w.on('exit', (code) => {
      if (worker === w) worker = null;
      failAll(new Error(`${name} stopped (exit code ${code})`));
    });
    return w;
  };

  const post = (op: string, input: unknown, transfer: ArrayBuffer[]): Promise<unknown> => {
    worker ??= spawn();
    const id = nextId;
    nextId += 1;
    const w = worker;
    return new Promise((resolve, reject) => {
      waiting.set(id, { resolve, reject });
      if (waiting.size === 1) w.ref();
      w.postMessage({ id, op, input } satisfies Request, transfer);
    });
  };

  return {
    call: (op, input, transfer = []) => post(op, input, transfer) as never,
    async ready() {
      await post('$ping', null, []);
    },
    async close() {
      const w = worker;
      worker = null;
      if (!w) return;
      // Answered in order of arrival, so a last request tells when the earlier ones are done.
      await new Promise<void>((resolve) => {
        const id = nextId;
        nextId += 1;
        waiting.set(id, { resolve: () => resolve(), reject: () => resolve() });
        w.ref();
        w.postMessage({ id, op: '$close', input: null } satisfies Request);
      });
      await w.terminate();
    },
  };
}

/** The data the parent passed to `threadStart`. */
export function threadData<T>(): T {
  return (workerData as { data: T }).data;
}

/**
 * Serves requests in this thread. A handler may return a promise; its result is posted back
 * (buffers of Uint8Array results are transferred). `$close` waits for every request before it.
 */
export function threadServe(handlers: ThreadHandlers, onClose?: () => void): void {
  const port = parentPort;
  if (!port) throw new Error('threadServe runs in a worker thread');
  const inFlight = new Set<Promise<unknown>>();
  port.on('message', (request: Request) => {
    if (request.op === '$ping') {
      port.postMessage({ id: request.id, ok: true, value: null } satisfies Response);
      return;
    }
    if (request.op === '$close') {
      void Promise.allSettled([...inFlight]).then(() => {
        onClose?.();
        port.postMessage({ id: request.id, ok: true, value: null } satisfies Response);
      });
      return;
    }
    const handler = handlers[request.op];
    const run = (async () => {
      if (!handler) throw new Error(`unknown operation ${request.op}`);
      return (handler as (input: unknown) => unknown)(request.input);
    })();
    inFlight.add(run);
    run.then(
      (value) => port.postMessage({ id: request.id, ok: true, value } satisfies Response, transferList(value)),
      (error: unknown) => port.postMessage({ id: request.id, ok: false, message: error instanceof Error ? error.message : String(error) } satisfies Response),
    ).finally(() => inFlight.delete(run));
  });
}

/** The buffers of a result that can be handed over whole: Uint8Arrays that own all of theirs. */
function transferList(value: unknown): ArrayBuffer[] {
  const list: ArrayBuffer[] = [];
  const visit = (v: unknown): void => {
    if (v instanceof Uint8Array) {
      if (v.buffer instanceof ArrayBuffer && v.byteOffset === 0 && v.byteLength === v.buffer.byteLength && !list.includes(v.buffer)) list.push(v.buffer);
    } else if (Array.isArray(v)) v.forEach(visit);
    else if (v !== null && typeof v === 'object' && !(v instanceof Map)) Object.values(v).forEach(visit);
  };
  visit(value);
  return list;
}
