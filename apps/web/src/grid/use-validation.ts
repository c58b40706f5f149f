/**
 * Live validation of the table with the domain's `validateTable`, indexed for the grid. It runs
 * in a worker fed with deltas (validation-sync.ts), so a large table is validated without
 * freezing typing; where workers are unavailable it runs in the page once the table has been
 * still for a moment.
 */
import { useEffect, useRef, useState } from 'react';
import { validateTable } from '@phuluc/domain';
import type { UnitDirectory } from '@phuluc/domain';
import type { GridModel, GridSnapshot } from './row-model.ts';
import { validationDelta } from './validation-sync.ts';
import { VALIDATION_EMPTY, validationIndex } from './validation-index.ts';
import type { ValidationIndex } from './validation-index.ts';
import type { ValidationReply, ValidationRequest } from './validation-worker.ts';

/** Pause after the last change before validating again (in the page; the worker waits less). */
export const VALIDATION_DELAY_MS = 250;
const WORKER_DELAY_MS = 60;

function workerCreate(): Worker | null {
  try {
    return typeof Worker === 'undefined' ? null : new Worker(new URL('./validation-worker.ts', import.meta.url), { type: 'module' });
  } catch {
    return null;
  }
}

export function useValidation(model: GridModel, snap: GridSnapshot, units: UnitDirectory, planYear: number): ValidationIndex {
  const [index, setIndex] = useState<ValidationIndex>(VALIDATION_EMPTY);
  const [worker, setWorker] = useState<Worker | null | undefined>(undefined);
  const sent = useRef<{ snap: GridSnapshot | null; seq: number }>({ snap: null, seq: 0 });
  const applied = useRef(0);

  // The worker, for the grid's lifetime; it is told the unit directory first.
  useEffect(() => {
    const w = workerCreate();
    if (!w) {
      setWorker(null);
      return;
    }
    sent.current = { snap: null, seq: 0 };
    applied.current = 0;
    // A reply may be a little behind while edits keep coming: show it, a newer one follows.
    w.onmessage = (e: MessageEvent<ValidationReply>) => {
      if (e.data.seq <= applied.current) return;
      applied.current = e.data.seq;
      setIndex((prev) => validationIndex(e.data.findings, prev));
    };
    w.onerror = () => setWorker(null);
    setWorker(w);
    return () => {
      w.terminate();
      setWorker(undefined);
    };
  }, []);

  useEffect(() => {
    if (!worker) return;
    const message: ValidationRequest = { type: 'units', units: [...units.units] };
    worker.postMessage(message);
    sent.current.snap = null; // everything again, with the new directory
  }, [worker, units]);

  useEffect(() => {
    if (worker === undefined) return;
    const run = (): void => {
      if (worker) {
        const seq = sent.current.seq + 1;
        const delta = validationDelta(sent.current.snap, snap, { seq, tableId: model.tableId, planYear });
        sent.current = { snap, seq };
        const message: ValidationRequest = { type: 'delta', ...delta };
        worker.postMessage(message);
      } else {
        setIndex((prev) => validationIndex(validateTable(model.tableModel(snap), { tableId: model.tableId, planYear, units }), prev));
      }
    };
    if (sent.current.snap === null && worker) {
      run();
      return;
    }
    const timer = window.setTimeout(run, worker ? WORKER_DELAY_MS : VALIDATION_DELAY_MS);
    return () => window.clearTimeout(timer);
  }, [worker, model, snap, units, planYear]);

  return index;
}
