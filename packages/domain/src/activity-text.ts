/**
 * The activity feed told in words, in Vietnamese ("Phòng Kinh tế sửa «Thời gian thực hiện» dòng
 * II.3") or English ("Phòng Kinh tế edited «Thời gian thực hiện» in row II.3"). The server sends
 * stories (activity.ts); whoever shows them picks the language. Names, labels and titles are
 * the plan's own and stay as they are.
 */
import type { ActivityActor, ActivityClause, ActivityField, ActivityPlace, ActivityStory, TableRowRef } from './activity.ts';
import type { TablePart } from './plan-doc-layout.ts';
import type { ReviewState } from './plan-doc-comments.ts';

/** The languages the activity is told in. */
export const ACTIVITY_LANGS = ['vi', 'en'] as const;
export type ActivityLang = (typeof ACTIVITY_LANGS)[number];

/** The words of one language; `where` and `name` are already told (a row, a table). */
export interface ActivityPhrases {
  system: string;
  deletedUser: string;
  row: (ref: Exclude<TableRowRef, { kind: 'gone' }>) => string;
  rowGone: string;
  rowInTable: (row: string, table: string) => string;
  table: (title: string) => string;
  tableGone: string;
  /** A removed table among the rows of a reset. */
  tableSome: string;
  column: (label: string) => string;
  sectionTitle: string;
  owners: string;
  rowInfo: string;
  planEdited: string;
  planChanged: string;
  planUpdated: string;
  tableAdded: (name: string) => string;
  tableRemoved: string;
  tableEdited: (part: TablePart | null, name: string) => string;
  rowAdded: (where: string) => string;
  rowAddedGone: string;
  rowDeleted: string;
  rowMoved: (where: string) => string;
  rowChanged: (where: string) => string;
  sectionRenamed: (where: string) => string;
  fieldsEdited: (fields: string, where: string) => string;
  commented: (where: string) => string;
  commentDeleted: (where: string) => string;
  reviewed: (state: ReviewState | null, where: string) => string;
  reviewReset: (where: string) => string;
  morePlaces: (count: number) => string;
  moreRows: (count: number) => string;
  update: (actor: string, what: string) => string;
  rejected: (actor: string, what: string | null, reason: string | null) => string;
  /** `rows` is '' when the entry names none. */
  reset: (rows: string, actor: string) => string;
  planCreated: (actor: string) => string;
  planDeleted: (actor: string) => string;
  versionSaved: (actor: string, name: string) => string;
  login: (actor: string) => string;
  logout: (actor: string) => string;
}

const vi: ActivityPhrases = {
  system: 'Hệ thống',
  deletedUser: 'Người dùng đã xoá',
  row: (ref) => {
    switch (ref.kind) {
      case 'item':
        return `dòng ${ref.number}`;
      case 'itemAt':
        return `dòng thứ ${ref.position}`;
      case 'section':
        return `mục ${ref.number}`;
      case 'sectionTitled':
        return `mục «${ref.label}»`;
    }
  },
  rowGone: 'dòng đã xoá',
  rowInTable: (row, table) => `${row} (bảng «${table}»)`,
  table: (title) => `bảng «${title}»`,
  tableGone: 'một bảng đã xoá',
  tableSome: 'một bảng',
  column: (label) => `«${label}»`,
  sectionTitle: 'tên mục',
  owners: 'đơn vị được sửa',
  rowInfo: 'thông tin dòng',
  planEdited: 'sửa thông tin kế hoạch',
  planChanged: 'thay đổi kế hoạch',
  planUpdated: 'cập nhật kế hoạch',
  tableAdded: (name) => `thêm ${name}`,
  tableRemoved: 'xoá một bảng',
  tableEdited: (part, name) => {
    switch (part) {
      case 'title':
        return `sửa tên ${name}`;
      case 'columns':
        return `sửa các cột của ${name}`;
      case 'order':
        return `di chuyển ${name}`;
      case 'numbering':
      case 'numberWidth':
        return `sửa cách đánh số ${name}`;
      case 'rows':
        return `sửa các dòng của ${name}`;
      case 'template':
        return `đổi mẫu của ${name}`;
      case null:
        return `sửa ${name}`;
    }
  },
  rowAdded: (where) => `thêm ${where}`,
  rowAddedGone: 'thêm một dòng (dòng đã xoá)',
  rowDeleted: 'xoá một dòng',
  rowMoved: (where) => `di chuyển ${where}`,
  rowChanged: (where) => `thay đổi ${where}`,
  sectionRenamed: (where) => `sửa tên ${where}`,
  fieldsEdited: (fields, where) => `sửa ${fields} ${where}`,
  commented: (where) => `bình luận ${where}`,
  commentDeleted: (where) => `xoá bình luận ${where}`,
  reviewed: (state, where) => {
    switch (state) {
      case 'changes_requested':
        return `yêu cầu sửa ${where}`;
      case 'pending':
        return `đưa ${where} về chờ duyệt`;
      case 'approved':
      case null:
        return `duyệt ${where}`;
    }
  },
  reviewReset: (where) => `${where} trở về chờ duyệt`,
  morePlaces: (count) => `và ${count} chỗ khác`,
  moreRows: (count) => `và ${count} dòng khác`,
  update: (actor, what) => `${actor} ${what}`,
  rejected: (actor, what, reason) => `${actor} bị từ chối${what ? ` khi ${what}` : ''}${reason ? `: ${reason}` : ''}`,
  reset: (rows, actor) => `${capitalized(rows) || 'Dòng'} đã duyệt trở về chờ duyệt vì ${actor} sửa đổi`,
  planCreated: (actor) => `${actor} tạo kế hoạch`,
  planDeleted: (actor) => `${actor} xoá kế hoạch`,
  versionSaved: (actor, name) => `${actor} lưu phiên bản «${name}»`,
  login: (actor) => `${actor} đăng nhập`,
  logout: (actor) => `${actor} đăng xuất`,
};

const en: ActivityPhrases = {
  system: 'The system',
  deletedUser: 'A deleted user',
  row: (ref) => {
    switch (ref.kind) {
      case 'item':
        return `row ${ref.number}`;
      case 'itemAt':
        return `unnumbered row ${ref.position}`;
      case 'section':
        return `section ${ref.number}`;
      case 'sectionTitled':
        return `section «${ref.label}»`;
    }
  },
  rowGone: 'a deleted row',
  rowInTable: (row, table) => `${row} (table «${table}»)`,
  table: (title) => `table «${title}»`,
  tableGone: 'a deleted table',
  tableSome: 'a table',
  column: (label) => `«${label}»`,
  sectionTitle: 'the section title',
  owners: 'the units that may edit',
  rowInfo: 'the row details',
  planEdited: 'edited the plan details',
  planChanged: 'changed the plan',
  planUpdated: 'updated the plan',
  tableAdded: (name) => `added ${name}`,
  tableRemoved: 'deleted a table',
  tableEdited: (part, name) => {
    switch (part) {
      case 'title':
        return `renamed ${name}`;
      case 'columns':
        return `edited the columns of ${name}`;
      case 'order':
        return `moved ${name}`;
      case 'numbering':
      case 'numberWidth':
        return `changed the numbering of ${name}`;
      case 'rows':
        return `edited the rows of ${name}`;
      case 'template':
        return `changed the template of ${name}`;
      case null:
        return `edited ${name}`;
    }
  },
  rowAdded: (where) => `added ${where}`,
  rowAddedGone: 'added a row (deleted since)',
  rowDeleted: 'deleted a row',
  rowMoved: (where) => `moved ${where}`,
  rowChanged: (where) => `changed ${where}`,
  sectionRenamed: (where) => `renamed ${where}`,
  fieldsEdited: (fields, where) => `edited ${fields} in ${where}`,
  commented: (where) => `commented on ${where}`,
  commentDeleted: (where) => `deleted a comment on ${where}`,
  reviewed: (state, where) => {
    switch (state) {
      case 'changes_requested':
        return `requested changes to ${where}`;
      case 'pending':
        return `set ${where} back to pending`;
      case 'approved':
        return `approved ${where}`;
      case null:
        return `reviewed ${where}`;
    }
  },
  reviewReset: (where) => `${where} went back to pending`,
  morePlaces: (count) => `and ${count} more ${count === 1 ? 'place' : 'places'}`,
  moreRows: (count) => `and ${count} more ${count === 1 ? 'row' : 'rows'}`,
  update: (actor, what) => `${actor} ${what}`,
  rejected: (actor, what, reason) => `${actor} was refused${what ? ` when they ${what}` : ''}${reason ? `: ${reason}` : ''}`,
  reset: (rows, actor) => `${capitalized(rows) || 'A row'}, approved, went back to pending because ${actor} edited it`,
  planCreated: (actor) => `${actor} created the plan`,
  planDeleted: (actor) => `${actor} deleted the plan`,
  versionSaved: (actor, name) => `${actor} saved the version «${name}»`,
  login: (actor) => `${actor} signed in`,
  logout: (actor) => `${actor} signed out`,
};

/** The words of each language. */
export const ACTIVITY_PHRASES: Readonly<Record<ActivityLang, ActivityPhrases>> = { vi, en };

function capitalized(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** A row as people cite it where it is now: "dòng II.3", "mục II", "dòng thứ 4", "dòng đã xoá" (or in English). */
export function tableRowRefText(ref: TableRowRef, lang: ActivityLang): string {
  const p = ACTIVITY_PHRASES[lang];
  return ref.kind === 'gone' ? p.rowGone : p.row(ref);
}

function placeText(place: ActivityPlace, p: ActivityPhrases): string {
  if (place.kind === 'table') return place.title === null ? p.tableGone : p.table(place.title);
  const row = place.row.kind === 'gone' ? p.rowGone : p.row(place.row);
  return place.table === null ? row : p.rowInTable(row, place.table);
}

function fieldText(field: ActivityField, p: ActivityPhrases): string {
  switch (field.kind) {
    case 'column':
      return p.column(field.label);
    case 'sectionTitle':
      return p.sectionTitle;
    case 'owners':
      return p.owners;
    case 'rowInfo':
      return p.rowInfo;
  }
}

function clauseText(clause: ActivityClause, p: ActivityPhrases): string {
  switch (clause.kind) {
    case 'planEdited':
      return p.planEdited;
    case 'planChanged':
      return p.planChanged;
    case 'tableAdded':
      return p.tableAdded(p.table(clause.title));
    case 'tableRemoved':
      return p.tableRemoved;
    case 'tableEdited':
      return p.tableEdited(clause.part, clause.title === null ? p.tableGone : p.table(clause.title));
    case 'rowAdded':
      return clause.place.kind === 'row' && clause.place.row.kind === 'gone' ? p.rowAddedGone : p.rowAdded(placeText(clause.place, p));
    case 'rowDeleted':
      return p.rowDeleted;
    case 'rowMoved':
      return p.rowMoved(placeText(clause.place, p));
    case 'rowChanged':
      return p.rowChanged(placeText(clause.place, p));
    case 'sectionRenamed':
      return p.sectionRenamed(placeText(clause.place, p));
    case 'fieldsEdited':
      return p.fieldsEdited(clause.fields.map((f) => fieldText(f, p)).join(', '), placeText(clause.place, p));
    case 'commented':
      return p.commented(placeText(clause.place, p));
    case 'commentDeleted':
      return p.commentDeleted(placeText(clause.place, p));
    case 'reviewed':
      return p.reviewed(clause.state, placeText(clause.place, p));
    case 'reviewReset':
      return p.reviewReset(placeText(clause.place, p));
  }
}

/** Clauses of one row joined by ", ", rows by "; ", then how many were left out. */
function groupsText(groups: readonly (readonly ActivityClause[])[], more: number, p: ActivityPhrases): string {
  const parts = groups.map((clauses) => [...new Set(clauses.map((c) => clauseText(c, p)))].join(', '));
  if (more > 0) parts.push(p.morePlaces(more));
  return parts.join('; ');
}

/** Who did it, in words. */
export function activityActorText(actor: ActivityActor, lang: ActivityLang): string {
  const p = ACTIVITY_PHRASES[lang];
  switch (actor.kind) {
    case 'person':
      return actor.name;
    case 'deletedUser':
      return p.deletedUser;
    case 'system':
      return p.system;
  }
}

/** One entry of the feed as a sentence in `lang`. */
export function activityText(entry: { actor: ActivityActor; story: ActivityStory }, lang: ActivityLang): string {
  const p = ACTIVITY_PHRASES[lang];
  const actor = activityActorText(entry.actor, lang);
  const story = entry.story;
  switch (story.kind) {
    case 'update':
      return p.update(actor, story.groups.length > 0 ? groupsText(story.groups, story.more, p) : p.planUpdated);
    case 'rejected':
      return p.rejected(actor, story.groups.length > 0 ? groupsText(story.groups, story.more, p) : null, story.reason);
    case 'reviewReset': {
      const cites = story.places.map((place) => (place.kind === 'table' && place.title === null ? p.tableSome : placeText(place, p)));
      if (story.more > 0) return p.reset(`${cites.join(', ')} ${p.moreRows(story.more)}`, actor);
      return p.reset(cites.join(', '), actor);
    }
    case 'planCreated':
      return p.planCreated(actor);
    case 'planDeleted':
      return p.planDeleted(actor);
    case 'versionSaved':
      return p.versionSaved(actor, story.name);
    case 'login':
      return p.login(actor);
    case 'logout':
      return p.logout(actor);
    case 'other':
      return `${actor}: ${story.action}${story.detail ? ` (${story.detail})` : ''}`;
  }
}
