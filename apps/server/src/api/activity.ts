/**
 * The activity feed: audit entries read against the live document as stories (the domain's
 * `activityStorySchema`) that each client tells in its own language — "Phòng Kinh tế sửa «Thời
 * gian thực hiện» dòng II.3" in Vietnamese. Row numbers, column labels and table titles are read
 * from the document at the time of reading (numbers are computed, never stored, so an entry
 * cites the row where it is now); a row that no longer exists is cited as gone.
 */
import {
  type ActivityActor,
  type ActivityClause,
  type ActivityField,
  type ActivityPlace,
  type ActivityStory,
  activityTablePartSchema,
  AUDIT_ACTIONS,
  auditActionRead,
  type AuditChange,
  type AuditTouch,
  auditTouchRead,
  fieldDef,
  planDocReadTable,
  planDocRowTableId,
  planDocTableIds,
  type TableModel,
  tableRowRef,
} from '@phuluc/domain';
import type * as Y from 'yjs';
import type { AuditEntry } from '../store/audit.ts';

/** Reads tables of one document once per request. */
export class ActivityReader {
  private readonly tables = new Map<string, TableModel | null>();
  readonly tableCount: number;

  constructor(private readonly doc: Y.Doc) {
    this.tableCount = planDocTableIds(doc).length;
  }

  /** The table as it is now, or null when it was removed. */
  table(tableId: string): TableModel | null {
    if (!this.tables.has(tableId)) {
      let table: TableModel | null;
      try {
        table = planDocReadTable(this.doc, tableId);
      } catch {
        // Removed since (or never there): cited as gone.
        table = null;
      }
      this.tables.set(tableId, table);
    }
    return this.tables.get(tableId) ?? null;
  }

  /** The table a row is in now (comments and reviews name only the row). */
  tableOfRow(rowId: string): string | undefined {
    return planDocRowTableId(this.doc, rowId);
  }
}

/** Groups shown of an entry touching more; the rest is counted ("và 5 chỗ khác"). */
const GROUPS_SHOWN = 3;

/** The changes of one row, one table, or the plan's meta, each stored field once. */
interface ChangeGroup {
  tableId: string | null;
  rowId: string | null;
  touches: AuditTouch[];
}

function changeGroups(changes: readonly AuditChange[]): ChangeGroup[] {
  const groups = new Map<string, ChangeGroup & { fields: Set<string | null> }>();
  // Entries written before the fix carry "(comment)" for the empty comment list a new row is
  // created with: a row cannot be commented on in the update that creates it, so it is dropped.
  const created = new Set(changes.filter((c) => c.rowId && auditTouchRead(c.field).kind === 'rowCreated').map((c) => c.rowId));
  for (const change of changes) {
    if (change.rowId && created.has(change.rowId) && auditTouchRead(change.field).kind === 'comment') continue;
    const tableId = change.tableId ?? null;
    const rowId = change.rowId ?? null;
    const key = `${tableId ?? ''}\u0000${rowId ?? ''}`;
    let group = groups.get(key);
    if (!group) {
      group = { tableId, rowId, touches: [], fields: new Set() };
      groups.set(key, group);
    }
    const field = change.field ?? null;
    if (group.fields.has(field)) continue;
    group.fields.add(field);
    group.touches.push(auditTouchRead(field));
  }
  return [...groups.values()];
}

/** Only the first `GROUPS_SHOWN` of many, and how many were left out. */
function groupsShown<T>(items: readonly T[]): { shown: readonly T[]; more: number } {
  const shown = items.length > GROUPS_SHOWN + 1 ? items.slice(0, GROUPS_SHOWN) : items;
  return { shown, more: items.length - shown.length };
}

/** Structurally equal items once, in order. */
function distinct<T>(items: readonly T[]): T[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    const key = JSON.stringify(item);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** A changed row key or cell field: its column's label now, or a row key of its own. */
function activityField(table: TableModel | null, field: string): ActivityField {
  switch (field) {
    case 'label':
      return { kind: 'sectionTitle' };
    case 'owners':
      return { kind: 'owners' };
    case 'kind':
    case 'createdBy':
      return { kind: 'rowInfo' };
  }
  const label = table?.columns.find((c) => c.field === field)?.label ?? fieldDef(field)?.label ?? field.replace(/^custom:/, '');
  return { kind: 'column', label };
}

/** What one group of changes did, as clauses without their subject. */
function groupClauses(group: ChangeGroup, reader: ActivityReader): ActivityClause[] {
  const { rowId, touches } = group;
  if (rowId === null) {
    if (group.tableId === null) return [{ kind: touches.every((t) => t.kind === 'meta') ? 'planEdited' : 'planChanged' }];
    const table = reader.table(group.tableId);
    return touches.map((touch): ActivityClause => {
      if (touch.kind === 'itself') return table ? { kind: 'tableAdded', title: table.title } : { kind: 'tableRemoved' };
      const part = touch.kind === 'field' ? activityTablePartSchema.safeParse(touch.field) : null;
      return { kind: 'tableEdited', part: part?.success ? part.data : null, title: table?.title ?? null };
    });
  }
  // A table's own review is keyed by the table's id.
  if (group.tableId === null && touches.every((t) => t.kind === 'review' || t.kind === 'reviewReset') && !reader.tableOfRow(rowId)) {
    const reviewed = reader.table(rowId);
    if (reviewed) {
      const place: ActivityPlace = { kind: 'table', title: reviewed.title };
      return touches.map((t): ActivityClause => (t.kind === 'review' ? { kind: 'reviewed', state: t.state, place } : { kind: 'reviewReset', place }));
    }
  }
  const tableId = group.tableId ?? reader.tableOfRow(rowId) ?? null;
  const table = tableId === null ? null : reader.table(tableId);
  const row = tableRowRef(table, rowId);
  const exists = row.kind !== 'gone';
  const place: ActivityPlace = { kind: 'row', row, table: reader.tableCount > 1 && table && exists ? table.title : null };
  const edits: ActivityField[] = [];
  const clauses: ActivityClause[] = [];
  for (const touch of touches) {
    switch (touch.kind) {
      case 'itself':
      case 'rowCreated':
        clauses.push({ kind: 'rowAdded', place });
        break;
      case 'rowDeleted':
        clauses.push({ kind: 'rowDeleted' });
        break;
      case 'comment':
        clauses.push({ kind: 'commented', place });
        break;
      case 'commentDeleted':
        clauses.push({ kind: 'commentDeleted', place });
        break;
      case 'review':
        clauses.push({ kind: 'reviewed', state: touch.state, place });
        break;
      case 'reviewReset':
        clauses.push({ kind: 'reviewReset', place });
        break;
      case 'meta':
      case 'progress': // told as a change of the row until the feed has words for a report
      case 'unknown':
        clauses.push({ kind: 'rowChanged', place });
        break;
      case 'field':
        if (touch.field === 'order') clauses.push({ kind: 'rowMoved', place });
        else if (touch.field === 'label' && (row.kind === 'section' || row.kind === 'sectionTitled')) clauses.push({ kind: 'sectionRenamed', place });
        else edits.push(activityField(table, touch.field));
        break;
    }
  }
  if (edits.length > 0) clauses.unshift({ kind: 'fieldsEdited', fields: distinct(edits), place });
  // A request for changes carries its reason as a comment (planDocChangesRequest): told once.
  const requested = clauses.some((c) => c.kind === 'reviewed' && c.state === 'changes_requested');
  return distinct(requested ? clauses.filter((c) => c.kind !== 'commented') : clauses);
}

/** The clauses of an entry's changes, a group per row or table (at most a few, then how many more). */
function changesStory(changes: readonly AuditChange[], reader: ActivityReader): { groups: ActivityClause[][]; more: number } {
  const { shown, more } = groupsShown(changeGroups(changes));
  return { groups: shown.map((g) => groupClauses(g, reader)), more };
}

/** The rows (and tables) a reset names, where they are now. */
function resetPlaces(changes: readonly AuditChange[], reader: ActivityReader): { places: ActivityPlace[]; more: number } {
  const places = changeGroups(changes).map((g): ActivityPlace => {
    if (g.rowId === null) {
      const table = g.tableId === null ? null : reader.table(g.tableId);
      return { kind: 'table', title: table?.title ?? null };
    }
    const tableId = g.tableId ?? reader.tableOfRow(g.rowId) ?? null;
    return { kind: 'row', row: tableRowRef(tableId === null ? null : reader.table(tableId), g.rowId), table: null };
  });
  const { shown, more } = groupsShown(places);
  return { places: [...shown], more };
}

/** What one audit entry tells; an action this version does not know is passed on as stored. */
export function activityStory(entry: AuditEntry, reader: ActivityReader): ActivityStory {
  const action = auditActionRead(entry.action);
  switch (action) {
    case AUDIT_ACTIONS.update:
      return { kind: 'update', ...changesStory(entry.changes, reader) };
    case AUDIT_ACTIONS.rejected:
      return { kind: 'rejected', ...changesStory(entry.changes, reader), reason: entry.detail };
    case AUDIT_ACTIONS.reviewReset:
      return { kind: 'reviewReset', ...resetPlaces(entry.changes, reader) };
    case AUDIT_ACTIONS.planCreate:
      return { kind: 'planCreated' };
    case AUDIT_ACTIONS.planDelete:
      return { kind: 'planDeleted' };
    case AUDIT_ACTIONS.versionCreate:
      return { kind: 'versionSaved', name: entry.detail ?? '' };
    case AUDIT_ACTIONS.login:
      return { kind: 'login' };
    case AUDIT_ACTIONS.logout:
      return { kind: 'logout' };
    case null:
      return { kind: 'other', action: entry.action, detail: entry.detail };
  }
}

/** Who did it: `label` is their unit's name, else their own (undefined when the user is gone). */
export function activityActor(userId: string | null, label: string | undefined): ActivityActor {
  if (label !== undefined) return { kind: 'person', name: label };
  return userId ? { kind: 'deletedUser' } : { kind: 'system' };
}
