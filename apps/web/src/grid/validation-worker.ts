/**
 * The validation worker (see validation-sync.ts): keeps a copy of the table from the grid's
 * deltas and answers with the findings of the domain's `validateTable`, coalescing deltas that
 * arrive while it is busy.
 */
import { unitDirectoryCreate, validateTable } from '@phuluc/domain';
import type { Finding, Unit, UnitDirectory } from '@phuluc/domain';
import { validationCopyApply, validationCopyCreate, validationCopyTable } from './validation-sync.ts';
import type { ValidationDelta } from './validation-sync.ts';

export type ValidationRequest = { type: 'units'; units: Unit[] } | ({ type: 'delta' } & ValidationDelta);
export interface ValidationReply {
  seq: number;
  findings: Finding[];
}

const copy = validationCopyCreate();
let units: UnitDirectory = unitDirectoryCreate([]);
let latestSeq = -1;
let scheduled = false;

const scope = self as unknown as { onmessage: ((e: MessageEvent<ValidationRequest>) => void) | null; postMessage: (reply: ValidationReply) => void };

function run(): void {
  scheduled = false;
  const table = validationCopyTable(copy);
  if (!table) return;
  const findings = validateTable(table, { tableId: copy.tableId, planYear: copy.planYear, units });
  scope.postMessage({ seq: latestSeq, findings });
}

scope.onmessage = (e) => {
  const message = e.data;
  if (message.type === 'units') units = unitDirectoryCreate(message.units);
  else {
    validationCopyApply(copy, message);
    latestSeq = message.seq;
  }
  // Deltas already queued are applied before validating once.
  if (!scheduled) {
    scheduled = true;
    setTimeout(run, 0);
  }
};
