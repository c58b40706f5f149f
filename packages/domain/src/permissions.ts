/**
 * Who may change what in a plan (DESIGN.md, "Roles and permissions"). The grid reads these
 * rules to show cells read-only; the server applies them to every change of every incoming
 * update. One definition, used by both.
 */
import type { PlanDocLocation } from './plan-doc.ts';
import { type PlanComment, planCommentSchema, planReviewSchema } from './plan-doc-comments.ts';
import { PLAN_LIMITS, planLimitCommentMessage } from './plan-limits.ts';
import { progressKeyIsText, progressKeyIsValue } from './plan-doc-progress.ts';
import { PROGRESS_STATUS_CODES, reportPeriodParse } from './progress/model.ts';

export const PLAN_ROLES = ['admin', 'coordinator', 'editor', 'reviewer', 'viewer'] as const;
export type PlanRole = (typeof PLAN_ROLES)[number];

/** Vietnamese names of the roles, for the UI and messages. */
export const PLAN_ROLE_LABELS: Readonly<Record<PlanRole, string>> = {
  admin: 'Quản trị',
  coordinator: 'Đầu mối',
  editor: 'Biên tập',
  reviewer: 'Lãnh đạo (duyệt)',
  viewer: 'Chỉ xem',
};

/** The person behind a connection, with their role in the plan (and unit for editors). */
export interface Actor {
  userId: string;
  role: PlanRole;
  unitId: string | null;
}

export type Verdict = { ok: true } | { ok: false; reason: string };

const OK: Verdict = { ok: true };
const deny = (reason: string): Verdict => ({ ok: false, reason });

/** Row keys that only the coordinator may write, whatever the row. */
const ROW_KEYS_RESERVED = new Set(['lead', 'owners', 'kind', 'createdBy']);

/**
 * Row keys only the server writes, for nobody to set, change or remove on an existing row:
 * `carriedFrom`, the mark of a row carried over from last year's plan (next year's plan is made by
 * the server, in one go). A row created by an update is checked as a whole (see `newRowCheck`), so
 * undoing the deletion of a carried row brings it back with its mark.
 */
const ROW_KEYS_SERVER_ONLY = new Set(['carriedFrom']);

/** True for roles that may change anything in the plan. */
export function permissionIsManager(actor: Actor): boolean {
  return actor.role === 'admin' || actor.role === 'coordinator';
}

/** Whether the actor may change the plan's structure: meta, tables, columns, sections. */
export function permissionCanEditStructure(actor: Actor): Verdict {
  return permissionIsManager(actor) ? OK : deny('Chỉ bộ phận đầu mối được sửa cấu trúc bảng (mục, cột, thông tin kế hoạch).');
}

/** Whether the actor owns a row: an editor whose unit is among the row's owners. */
export function permissionOwnsRow(actor: Actor, owners: readonly string[]): boolean {
  return actor.role === 'editor' && actor.unitId !== null && owners.includes(actor.unitId);
}

/** Whether the actor may edit one cell (or the label of a section row). */
export function permissionCanEditCell(actor: Actor, row: { kind: 'section' | 'item'; owners: readonly string[] }, field: string): Verdict {
  if (permissionIsManager(actor)) return OK;
  if (actor.role !== 'editor') return deny(readOnlyReason(actor));
  if (row.kind === 'section') return deny('Chỉ bộ phận đầu mối được sửa tên mục.');
  if (field === 'lead' || field === 'owners') return deny('Chỉ bộ phận đầu mối được giao đơn vị chủ trì.');
  if (!permissionOwnsRow(actor, row.owners)) return deny('Dòng này do đơn vị khác chủ trì.');
  return OK;
}

/** Whether the actor may add an item row (editors add rows owned by their unit). */
export function permissionCanAddRow(actor: Actor): Verdict {
  if (permissionIsManager(actor)) return OK;
  if (actor.role === 'editor' && actor.unitId) return OK;
  return deny(readOnlyReason(actor));
}

/** Whether the actor may delete a row: editors only rows owned by their unit alone. */
export function permissionCanDeleteRow(actor: Actor, row: { kind: 'section' | 'item'; owners: readonly string[] }): Verdict {
  if (permissionIsManager(actor)) return OK;
  if (actor.role !== 'editor') return deny(readOnlyReason(actor));
  if (row.kind === 'section') return deny('Chỉ bộ phận đầu mối được xoá mục.');
  if (row.owners.length === 1 && row.owners[0] === actor.unitId) return OK;
  return deny('Chỉ xoá được dòng do riêng đơn vị mình chủ trì.');
}

/** Whether the actor may move a row. */
export function permissionCanMoveRow(actor: Actor, row: { kind: 'section' | 'item'; owners: readonly string[] }): Verdict {
  if (permissionIsManager(actor)) return OK;
  if (actor.role !== 'editor') return deny(readOnlyReason(actor));
  if (row.kind === 'section') return deny('Chỉ bộ phận đầu mối được di chuyển mục.');
  return permissionOwnsRow(actor, row.owners) ? OK : deny('Dòng này do đơn vị khác chủ trì.');
}

/** Whether the actor may write comments. */
export function permissionCanComment(actor: Actor): Verdict {
  return actor.role === 'viewer' ? deny(readOnlyReason(actor)) : OK;
}

/**
 * Whether the actor may set a row's review state: reviewers and managers any state; an editor
 * only back to "pending" on its own rows.
 */
export function permissionCanReview(actor: Actor, state: unknown, rowOwners: readonly string[] | null, rowKind: 'section' | 'item' | null = 'item'): Verdict {
  if (permissionIsManager(actor) || actor.role === 'reviewer') return OK;
  if (actor.role === 'editor' && state === 'pending' && rowKind === 'item' && rowOwners && permissionOwnsRow(actor, rowOwners)) return OK;
  return deny('Chỉ lãnh đạo được duyệt; đơn vị chỉ được đưa dòng của mình về «chờ duyệt».');
}

function readOnlyReason(actor: Actor): string {
  return actor.role === 'reviewer' ? 'Lãnh đạo chỉ xem, bình luận và duyệt, không sửa nội dung.' : 'Bạn chỉ có quyền xem.';
}

/** One change an incoming update makes, as the server's inspection of the update sees it. */
export interface PlanChange {
  location: PlanDocLocation;
  /** "write": content inserted or a key set; "delete": content removed. */
  op: 'write' | 'delete';
  /** The row's owners before the update (also for reviews of a row); null when unknown or new. */
  rowOwners: readonly string[] | null;
  /** The row's kind before the update, when the change is in an existing row. */
  rowKind: 'section' | 'item' | null;
  /** True when the change lies inside a row created by the same update. */
  inNewRow: boolean;
  /** For the creation of a row: what it is created with. */
  newRow?: { kind: unknown; owners: unknown; createdBy: unknown };
  /**
   * The plain value written at a map key (review states), or the comment written or deleted
   * (one change per comment entry).
   */
  value?: unknown;
  /** Comments: the live comment with the same id before the update (a resolve replaces an entry). */
  previous?: unknown;
  /** Comments and reviews: true for a row's whole comment list (not one entry). */
  commentList?: boolean;
  /** Comments, reviews and progress: what the key names — an existing (or deleted) row, a table, or nothing known. */
  subject?: 'row' | 'table' | null;
  /**
   * Progress writes: what is written — a Y.Map, a Y.Text, characters of a text, a plain value
   * (in `value`), or anything else (refused).
   */
  content?: 'map' | 'text' | 'chars' | 'value' | 'other';
  /** Progress writes: the plan's year (a report is for a period of it), when the plan has one. */
  planYear?: number;
}

/** The server's check of one change against the actor's rights. */
export function permissionCheckChange(actor: Actor, change: PlanChange): Verdict {
  const loc = change.location;
  switch (loc.area) {
    case 'unknown':
      return deny('Thay đổi không thuộc cấu trúc kế hoạch.');
    case 'meta':
      return permissionCanEditStructure(actor);
    case 'comments':
      return commentChangeCheck(actor, change);
    case 'reviews':
      return reviewChangeCheck(actor, change);
    case 'progress':
      return permissionCheckProgressChange(actor, change);
    case 'tables':
      break;
  }
  if (loc.field !== undefined && ROW_KEYS_SERVER_ONLY.has(loc.field)) {
    return deny('Dấu «chuyển tiếp từ năm trước» do hệ thống ghi khi tạo kế hoạch năm sau; không ai sửa được.');
  }
  if (permissionIsManager(actor)) return OK;
  if (loc.part !== 'rows' || !loc.rowId) return permissionCanEditStructure(actor);
  if (change.inNewRow) return permissionCanAddRow(actor);
  if (loc.field === undefined) {
    // The row itself: created or deleted.
    if (change.op === 'delete') {
      if (change.rowOwners === null || change.rowKind === null) return deny('Không xác định được dòng bị xoá.');
      return permissionCanDeleteRow(actor, { kind: change.rowKind, owners: change.rowOwners });
    }
    return newRowCheck(actor, change.newRow);
  }
  if (change.rowOwners === null || change.rowKind === null) return deny('Không xác định được dòng bị sửa.');
  const row = { kind: change.rowKind, owners: change.rowOwners };
  if (loc.field === 'order') return permissionCanMoveRow(actor, row);
  if (ROW_KEYS_RESERVED.has(loc.field)) {
    return loc.field === 'lead' ? permissionCanEditCell(actor, row, 'lead') : deny('Chỉ bộ phận đầu mối được đổi thông tin quản lý của dòng.');
  }
  return permissionCanEditCell(actor, row, loc.field);
}

function newRowCheck(actor: Actor, row: PlanChange['newRow']): Verdict {
  const verdict = permissionCanAddRow(actor);
  if (!verdict.ok || permissionIsManager(actor)) return verdict;
  if (!row || row.kind !== 'item') return deny('Chỉ bộ phận đầu mối được thêm mục.');
  const owners = row.owners;
  if (!Array.isArray(owners) || owners.length !== 1 || owners[0] !== actor.unitId) {
    return deny('Dòng mới phải thuộc đơn vị của bạn.');
  }
  // `createdBy` is not checked: undoing the deletion of a colleague's row of the same unit
  // brings it back with their name, and the audit trail records who acted anyway.
  return OK;
}

/**
 * The server's check of every change of one update: each change on its own, and a comment
 * deleted by someone other than its author only when the same update puts it back resolved or
 * reopened (that is how a resolve is written).
 */
export function permissionCheckChanges(actor: Actor, changes: readonly PlanChange[]): Verdict {
  const rewritten = new Set<string>();
  for (const change of changes) {
    if (change.location.area === 'comments' && change.op === 'write' && change.previous !== undefined) {
      const id = commentIdOf(change.value);
      if (id !== undefined) rewritten.add(id);
    }
  }
  for (const change of changes) {
    const verdict =
      change.location.area === 'comments' && change.op === 'delete' && !change.commentList
        ? commentDeleteCheck(actor, change, rewritten)
        : permissionCheckChange(actor, change);
    if (!verdict.ok) return verdict;
  }
  return OK;
}

/** Whether the actor may mark someone's comment on a row resolved (or open it again). */
export function permissionCanResolveComment(
  actor: Actor,
  comment: PlanComment,
  row: { owners: readonly string[] | null; kind: 'section' | 'item' | null },
): Verdict {
  if (permissionIsManager(actor) || actor.role === 'reviewer' || comment.author === actor.userId) return OK;
  if (row.kind === 'item' && row.owners && permissionOwnsRow(actor, row.owners)) return OK;
  return deny('Chỉ người viết, lãnh đạo, đầu mối hoặc đơn vị chủ trì dòng được đánh dấu đã xử lý bình luận.');
}

function commentIdOf(value: unknown): string | undefined {
  const parsed = planCommentSchema.safeParse(value);
  return parsed.success ? parsed.data.id : undefined;
}

function commentChangeCheck(actor: Actor, change: PlanChange): Verdict {
  const canComment = permissionCanComment(actor);
  if (!canComment.ok) return canComment;
  if (change.subject !== 'row') return deny('Bình luận phải gắn với một dòng của kế hoạch.');
  if (change.commentList) return OK; // its entries are checked one by one
  if (change.op === 'delete') return commentDeleteCheck(actor, change, new Set());
  const parsed = planCommentSchema.safeParse(change.value);
  if (!parsed.success) return deny('Bình luận không đúng dạng.');
  const comment = parsed.data;
  if (comment.text.length > PLAN_LIMITS.commentChars) return deny(planLimitCommentMessage());
  if (change.previous === undefined) {
    return comment.author === actor.userId ? OK : deny('Bình luận chỉ được đứng tên người viết.');
  }
  const previous = planCommentSchema.safeParse(change.previous);
  if (!previous.success) return permissionIsManager(actor) ? OK : deny('Bình luận không đúng dạng.');
  const { resolved: _a, ...was } = previous.data;
  const { resolved: _b, ...now } = comment;
  if (JSON.stringify(Object.entries(was).sort()) !== JSON.stringify(Object.entries(now).sort())) {
    return deny('Không được sửa bình luận của người khác.');
  }
  return permissionCanResolveComment(actor, previous.data, { owners: change.rowOwners, kind: change.rowKind });
}

function commentDeleteCheck(actor: Actor, change: PlanChange, rewritten: ReadonlySet<string>): Verdict {
  const canComment = permissionCanComment(actor);
  if (!canComment.ok) return canComment;
  if (permissionIsManager(actor)) return OK; // hiding any comment: audited as such
  const parsed = planCommentSchema.safeParse(change.value);
  if (!parsed.success) return deny('Chỉ bộ phận đầu mối được xoá bình luận hỏng.');
  if (parsed.data.author === actor.userId || rewritten.has(parsed.data.id)) return OK;
  return deny('Chỉ xoá được bình luận của mình.');
}

function reviewChangeCheck(actor: Actor, change: PlanChange): Verdict {
  if (change.subject === null || change.subject === undefined) return deny('Không có dòng hoặc bảng này để duyệt.');
  if (change.op === 'delete') {
    return permissionCanReview(actor, actor.role === 'editor' ? 'pending' : undefined, change.rowOwners, change.rowKind);
  }
  const parsed = planReviewSchema.safeParse(change.value);
  if (!parsed.success) return deny('Trạng thái duyệt không đúng dạng.');
  if (parsed.data.by !== actor.userId) return deny('Trạng thái duyệt chỉ được đứng tên người duyệt.');
  if (parsed.data.reason !== undefined) return deny('Chỉ máy chủ được đặt lại trạng thái duyệt.');
  return permissionCanReview(actor, parsed.data.state, change.subject === 'row' ? change.rowOwners : null, change.rowKind);
}

/**
 * Whether the actor may write (or remove) a row's progress: the coordinator, or an editor of one
 * of the row's units; reviewers and viewers never. Only item rows the plan has (`row` null: no
 * such row, or a deleted one).
 */
export function permissionCanWriteProgress(actor: Actor, row: { kind: 'section' | 'item'; owners: readonly string[] } | null): Verdict {
  if (!permissionIsManager(actor) && actor.role !== 'editor') return deny(readOnlyReason(actor));
  if (row === null) return deny('Không có dòng này trong kế hoạch để ghi tiến độ.');
  if (row.kind === 'section') return deny('Mục không có tiến độ; chỉ dòng nhiệm vụ, chỉ tiêu mới có.');
  if (permissionIsManager(actor) || permissionOwnsRow(actor, row.owners)) return OK;
  return deny('Chỉ đơn vị chủ trì dòng này được báo cáo tiến độ của dòng.');
}

const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})$/;

/**
 * The server's check of one change under the `progress` root (`plan-doc-progress.ts`): the
 * actor's right to the row's progress, then the shape of what is written — a row's map of
 * periods, a record under a period id that parses, a known key with a value of its kind, `by`
 * naming the sender and an editor's `unitId` his own unit. Removing is checked by the right alone
 * (a record of a row gone since may be cleared by the coordinator only).
 */
export function permissionCheckProgressChange(actor: Actor, change: PlanChange): Verdict {
  const loc = change.location;
  if (loc.area !== 'progress' || loc.rowId === undefined) return deny('Thay đổi không thuộc cấu trúc kế hoạch.');
  const row = change.subject === 'row' && change.rowKind !== null && change.rowOwners !== null ? { kind: change.rowKind, owners: change.rowOwners } : null;
  if (change.op === 'delete') {
    if (row === null && permissionIsManager(actor)) return OK;
    return permissionCanWriteProgress(actor, row);
  }
  const right = permissionCanWriteProgress(actor, row);
  if (!right.ok) return right;
  const malformed = deny('Bản ghi tiến độ không đúng dạng.');
  if (loc.periodId === undefined) return change.content === 'map' ? OK : malformed;
  const period = reportPeriodParse(loc.periodId);
  if (!period) return deny('Kỳ báo cáo phải có dạng "2026-03" (tháng) hoặc "2026-Q2" (quý).');
  if (change.planYear !== undefined && period.year !== change.planYear) return deny(`Kỳ báo cáo phải thuộc năm ${change.planYear} của kế hoạch.`);
  if (loc.key === undefined) return change.content === 'map' ? OK : malformed;
  if (progressKeyIsText(loc.key)) return change.content === (loc.inText ? 'chars' : 'text') ? OK : malformed;
  if (loc.inText || !progressKeyIsValue(loc.key) || change.content !== 'value') return malformed;
  const value = change.value;
  switch (loc.key) {
    case 'status':
      return (PROGRESS_STATUS_CODES as readonly unknown[]).includes(value) ? OK : deny('Trạng thái tiến độ không hợp lệ.');
    case 'by':
      return value === actor.userId ? OK : deny('Tiến độ chỉ được đứng tên người báo cáo.');
    case 'unitId':
      if (typeof value !== 'string' || value === '') return malformed;
      return permissionIsManager(actor) || value === actor.unitId ? OK : deny('Tiến độ chỉ được đứng tên đơn vị của bạn.');
    case 'at':
      return typeof value === 'string' && ISO_TIME.test(value) ? OK : malformed;
  }
}
