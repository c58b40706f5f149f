/**
 * The activity feed: audit entries told as Vietnamese sentences a clerk understands,
 * "Phòng Kinh tế sửa «Thời gian thực hiện» dòng II.3". Row numbers and column labels are read
 * from the live document at the time of reading (numbers are computed, never stored, so an
 * entry cites the row where it is now); a row that no longer exists reads "dòng đã xoá".
 */
import { fieldDef, planDocReadTable, planDocRowTableId, planDocTableIds, type TableModel, tableRowCite } from '@phuluc/domain';
import type * as Y from 'yjs';
import type { AuditChange, AuditEntry } from '../store/audit.ts';

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

/** "dòng II.3", "mục II", "dòng 15" (continuous numbering), "dòng thứ 4" (unnumbered) or "dòng đã xoá" (the domain's `tableRowCite`). */
export const activityRowCite = tableRowCite;

/** How a changed row key or cell field reads: its column's label in «», or a verb of its own. */
function fieldPhrase(table: TableModel | null, field: string): string {
  switch (field) {
    case 'label':
      return 'tên mục';
    case 'owners':
      return 'đơn vị được sửa';
    case 'kind':
    case 'createdBy':
      return 'thông tin dòng';
  }
  const label = table?.columns.find((c) => c.field === field)?.label ?? fieldDef(field)?.label ?? field.replace(/^custom:/, '');
  return `«${label}»`;
}

interface RowGroup {
  tableId: string | null;
  rowId: string | null;
  fields: Array<string | null>;
}

function groupChanges(changes: readonly AuditChange[]): RowGroup[] {
  const groups = new Map<string, RowGroup>();
  for (const change of changes) {
    const tableId = change.tableId ?? null;
    const rowId = change.rowId ?? null;
    const key = `${tableId ?? ''}\u0000${rowId ?? ''}`;
    let group = groups.get(key);
    if (!group) {
      group = { tableId, rowId, fields: [] };
      groups.set(key, group);
    }
    const field = change.field ?? null;
    if (!group.fields.includes(field)) group.fields.push(field);
  }
  return [...groups.values()];
}

/** Table-level parts (the key written in a table's map) as a verb phrase about the table. */
const TABLE_PART_PHRASES: Readonly<Record<string, (name: string) => string>> = {
  title: (name) => `sửa tên ${name}`,
  columns: (name) => `sửa các cột của ${name}`,
  order: (name) => `di chuyển ${name}`,
  numbering: (name) => `sửa cách đánh số ${name}`,
  numberWidth: (name) => `sửa cách đánh số ${name}`,
  rows: (name) => `sửa các dòng của ${name}`,
  template: (name) => `đổi mẫu của ${name}`,
};

/**
 * One group of changes (one row, one table, or the plan's meta) as a clause without its
 * subject. Besides column fields and row keys, the sync layer writes markers in parentheses:
 * (row.created), (row.deleted), (comment), (comment.deleted), (review), (meta)…, (unknown).
 */
function groupPhrase(group: RowGroup, reader: ActivityReader): string {
  if (group.rowId === null) {
    if (group.tableId === null) {
      return group.fields.every((f) => f?.startsWith('(meta)')) ? 'sửa thông tin kế hoạch' : 'thay đổi kế hoạch';
    }
    const table = reader.table(group.tableId);
    const name = table ? `bảng «${table.title}»` : 'một bảng đã xoá';
    const clauses = group.fields.map((field) => {
      if (field === null) return table ? `thêm ${name}` : 'xoá một bảng';
      return TABLE_PART_PHRASES[field]?.(name) ?? `sửa ${name}`;
    });
    return [...new Set(clauses)].join(', ');
  }
  // A table's own review is keyed by the table's id.
  if (group.tableId === null && group.fields.every((f) => f?.startsWith('(review')) && !reader.tableOfRow(group.rowId)) {
    const reviewed = reader.table(group.rowId);
    if (reviewed) return group.fields.map((f) => reviewPhrase(f as string, `bảng «${reviewed.title}»`)).join(', ');
  }
  const tableId = group.tableId ?? reader.tableOfRow(group.rowId) ?? null;
  const table = tableId === null ? null : reader.table(tableId);
  const { cite, exists } = activityRowCite(table, group.rowId);
  const where = reader.tableCount > 1 && table && exists ? `${cite} (bảng «${table.title}»)` : cite;
  const edits: string[] = [];
  const verbs: string[] = [];
  for (const field of group.fields) {
    if (field === null || field === '(row.created)') verbs.push(exists ? `thêm ${where}` : 'thêm một dòng (dòng đã xoá)');
    else if (field === '(row.deleted)') verbs.push('xoá một dòng');
    else if (field === 'order') verbs.push(`di chuyển ${where}`);
    else if (field === '(comment)') verbs.push(`bình luận ${where}`);
    else if (field === '(comment.deleted)') verbs.push(`xoá bình luận ${where}`);
    else if (field.startsWith('(review')) verbs.push(reviewPhrase(field, where));
    else if (field === 'label' && exists && cite.startsWith('mục')) verbs.push(`sửa tên ${where}`);
    else if (field.startsWith('(')) verbs.push(`thay đổi ${where}`);
    else edits.push(fieldPhrase(table, field));
  }
  if (edits.length > 0) verbs.unshift(`sửa ${edits.join(', ')} ${where}`);
  return [...new Set(verbs)].join(', ');
}

/** A review change as a clause: "duyệt dòng II.3", "yêu cầu sửa dòng II.3", "đưa dòng II.3 về chờ duyệt". */
function reviewPhrase(field: string, where: string): string {
  switch (field) {
    case '(review:changes_requested)':
      return `yêu cầu sửa ${where}`;
    case '(review:pending)':
      return `đưa ${where} về chờ duyệt`;
    case '(review:reset)':
      return `${where} trở về chờ duyệt`;
    default:
      return `duyệt ${where}`;
  }
}

/** "Dòng II.3 đã duyệt trở về chờ duyệt vì Phòng Kinh tế sửa đổi" for the rows (and tables) a reset names. */
function resetSentence(entry: AuditEntry, actor: string, reader: ActivityReader): string {
  const cites = groupChanges(entry.changes).map((g) => {
    if (g.rowId === null) {
      const table = g.tableId === null ? null : reader.table(g.tableId);
      return table ? `bảng «${table.title}»` : 'một bảng';
    }
    const tableId = g.tableId ?? reader.tableOfRow(g.rowId) ?? null;
    return activityRowCite(tableId === null ? null : reader.table(tableId), g.rowId).cite;
  });
  const rows = cites.length > GROUPS_SHOWN + 1 ? `${cites.slice(0, GROUPS_SHOWN).join(', ')} và ${cites.length - GROUPS_SHOWN} dòng khác` : cites.join(', ');
  const subject = rows.charAt(0).toUpperCase() + rows.slice(1);
  return `${subject || 'Dòng'} đã duyệt trở về chờ duyệt vì ${actor} sửa đổi`;
}

const GROUPS_SHOWN = 3;

/** What the changes of an entry did, as clauses joined by "; " (at most a few, then "và N chỗ khác"). */
function changesPhrase(changes: readonly AuditChange[], reader: ActivityReader): string {
  const groups = groupChanges(changes);
  if (groups.length === 0) return 'cập nhật kế hoạch';
  const shown = groups.length > GROUPS_SHOWN + 1 ? groups.slice(0, GROUPS_SHOWN) : groups;
  const clauses = shown.map((g) => groupPhrase(g, reader));
  if (shown.length < groups.length) clauses.push(`và ${groups.length - shown.length} chỗ khác`);
  return clauses.join('; ');
}

/** The sentence for one audit entry; `actor` is who did it (their unit's name, else their name). */
export function activitySentence(entry: AuditEntry, actor: string, reader: ActivityReader): string {
  switch (entry.action) {
    case 'update':
      return `${actor} ${changesPhrase(entry.changes, reader)}`;
    case 'rejected': {
      const what = entry.changes.length > 0 ? ` khi ${changesPhrase(entry.changes, reader)}` : '';
      return `${actor} bị từ chối${what}${entry.detail ? `: ${entry.detail}` : ''}`;
    }
    case 'review.reset':
      return resetSentence(entry, actor, reader);
    case 'plan.create':
      return `${actor} tạo kế hoạch`;
    case 'plan.delete':
      return `${actor} xoá kế hoạch`;
    case 'version.create':
      return `${actor} lưu phiên bản «${entry.detail ?? ''}»`;
    case 'login':
      return `${actor} đăng nhập`;
    case 'logout':
      return `${actor} đăng xuất`;
    default:
      return `${actor}: ${entry.action}${entry.detail ? ` (${entry.detail})` : ''}`;
  }
}
