/**
 * Every string of the web UI, in Vietnamese (default) and English.
 *
 * Keys are grouped by owner: `app.*` (shell: login, plan list, header), `grid.*` (the grid),
 * `editor.*` (cell editors). Add keys to BOTH dictionaries, inside your own section — the `en`
 * dictionary is typed against `vi`, so a key missing in English is a type error.
 *
 * Parameters: `{name}` in a string is replaced by `params.name`.
 */
import { useSyncExternalStore } from 'react';

export const LANGS = ['vi', 'en'] as const;
export type Lang = (typeof LANGS)[number];

const vi = {
  // ───────────────────────────── app.* (W1: shell) ─────────────────────────────
  'app.name': 'Phuluc',
  'app.tagline': 'Cùng soạn, cùng duyệt phụ lục kế hoạch chuyển đổi số',
  'app.loading': 'Đang tải…',
  'app.error.network': 'Không kết nối được máy chủ. Vui lòng thử lại.',
  'app.error.generic': 'Đã có lỗi xảy ra. Vui lòng thử lại.',
  'app.error.tooMany': 'Bạn đã thử quá nhiều lần. Vui lòng đợi một lát rồi thử lại.',
  'app.lang.switch': 'English',
  'app.lang.switchTitle': 'Chuyển sang tiếng Anh',
  'app.login.title': 'Đăng nhập',
  'app.login.username': 'Tên đăng nhập',
  'app.login.password': 'Mật khẩu',
  'app.login.submit': 'Đăng nhập',
  'app.login.submitting': 'Đang đăng nhập…',
  'app.login.missing': 'Vui lòng nhập tên đăng nhập và mật khẩu.',
  'app.login.badCredentials': 'Tên đăng nhập hoặc mật khẩu không đúng.',
  'app.login.sessionExpired': 'Phiên làm việc đã hết hạn. Vui lòng đăng nhập lại.',
  'app.logout': 'Đăng xuất',
  'app.user.signedInAs': 'Đăng nhập với tên {name}',
  'app.plans.title': 'Kế hoạch chuyển đổi số',
  'app.plans.empty': 'Bạn chưa được giao kế hoạch nào.',
  'app.plans.commune': 'Xã',
  'app.plans.year': 'Năm',
  'app.plans.plan': 'Kế hoạch',
  'app.plans.tables': 'Số bảng',
  'app.plans.role': 'Vai trò của tôi',
  'app.plans.open': 'Mở',
  'app.plans.tableCount': '{count} bảng',
  'app.plan.back': '← Danh sách kế hoạch',
  'app.plan.communeYear': 'Xã {commune} · Năm {year}',
  'app.plan.tables': 'Các bảng phụ lục',
  'app.plan.noTables': 'Kế hoạch này chưa có bảng nào.',
  'app.plan.notFound': 'Không tìm thấy kế hoạch này, hoặc bạn không có quyền xem.',
  'app.plan.loadingDoc': 'Đang tải dữ liệu kế hoạch…',
  'app.plan.untitledTable': 'Bảng {n}',
  'app.plan.forbidden': 'Máy chủ đã từ chối thay đổi của bạn: {reason}. Bản sao trên máy đã được xóa và dữ liệu được tải lại từ máy chủ.',
  'app.plan.forbiddenNoReason': 'Máy chủ đã từ chối thay đổi của bạn. Bản sao trên máy đã được xóa và dữ liệu được tải lại từ máy chủ.',
  'app.plan.gridLoading': 'Đang chuẩn bị bảng…',
  'app.save.saved': 'Đã lưu',
  'app.save.syncing': 'Đang đồng bộ…',
  'app.save.offline': 'Mất kết nối — thay đổi được giữ trên máy',
  'app.presence.label': 'Đang trực tuyến',
  'app.presence.you': '{name} (bạn)',
  'app.presence.more': '+{count}',
  'app.role.admin': 'Quản trị',
  'app.role.coordinator': 'Đầu mối',
  'app.role.editor': 'Biên tập',
  'app.role.reviewer': 'Lãnh đạo (duyệt)',
  'app.role.viewer': 'Chỉ xem',
  'app.toast.close': 'Đóng thông báo',
  'app.notFound.title': 'Không tìm thấy trang',
  'app.notFound.back': 'Về danh sách kế hoạch',

  // ───────────────────────────── grid.* (W2: grid) ─────────────────────────────
  'grid.label': 'Bảng {title}',
  'grid.stt': 'STT',
  'grid.rowHeader': 'Số thứ tự',
  'grid.sectionUntitled': '(chưa đặt tên mục)',
  'grid.empty': 'Bảng chưa có dòng nào.',
  'grid.emptyHint': 'Thêm dòng, hoặc bấm vào đây rồi dán (Ctrl+V) một bảng sao chép từ Excel hay Word.',
  'grid.emptyFiltered': 'Không có dòng nào khớp bộ lọc.',
  'grid.toolbar': 'Công cụ bảng',
  'grid.row.insertAbove': 'Chèn dòng trên',
  'grid.row.insertBelow': 'Chèn dòng dưới',
  'grid.row.add': 'Thêm dòng',
  'grid.row.addSection': 'Thêm mục',
  'grid.row.addSectionAbove': 'Thêm mục phía trên',
  'grid.row.delete': 'Xóa dòng',
  'grid.row.deleteMany': 'Xóa {count} dòng',
  'grid.row.deleted': 'Đã xóa {count} dòng. Nhấn Ctrl+Z để hoàn tác.',
  'grid.row.moveUp': 'Chuyển lên',
  'grid.row.moveDown': 'Chuyển xuống',
  'grid.row.moveHint': 'Chuyển dòng lên/xuống (Alt+Shift+↑/↓)',
  'grid.row.drag': 'Kéo để chuyển dòng',
  'grid.row.menu': 'Thao tác với dòng',
  'grid.undo': 'Hoàn tác',
  'grid.undoHint': 'Hoàn tác thay đổi của bạn (Ctrl+Z)',
  'grid.redo': 'Làm lại',
  'grid.redoHint': 'Làm lại (Ctrl+Y)',
  'grid.column.menu': 'Tùy chọn cột «{label}»',
  'grid.column.add': 'Thêm cột',
  'grid.column.addRight': 'Thêm cột bên phải',
  'grid.column.addCustom': 'Cột khác…',
  'grid.column.customName': 'Tên cột mới',
  'grid.column.rename': 'Đổi tên cột',
  'grid.column.newName': 'Tên mới của cột',
  'grid.column.remove': 'Xóa cột',
  'grid.column.removed': 'Đã xóa cột «{label}» (nội dung vẫn được giữ). Nhấn Ctrl+Z để hoàn tác.',
  'grid.column.moveLeft': 'Chuyển sang trái',
  'grid.column.moveRight': 'Chuyển sang phải',
  'grid.column.resize': 'Kéo để đổi độ rộng cột «{label}»',
  'grid.column.save': 'Lưu',
  'grid.column.cancel': 'Hủy',
  'grid.template': 'Mẫu bảng',
  'grid.templateChoose': 'Chọn mẫu…',
  'grid.templateApplied': 'Đã áp dụng mẫu «{name}».',
  'grid.filter.owner': 'Đơn vị chủ trì',
  'grid.filter.ownerAll': 'Mọi đơn vị',
  'grid.filter.ownerNone': 'Chưa giao đơn vị',
  'grid.filter.state': 'Tình trạng',
  'grid.filter.stateAll': 'Mọi tình trạng',
  'grid.filter.stateError': 'Có lỗi',
  'grid.filter.stateWarning': 'Có cảnh báo',
  'grid.filter.stateOk': 'Hợp lệ',
  'grid.filter.mine': 'Dòng của đơn vị tôi',
  'grid.filter.search': 'Tìm trong bảng',
  'grid.filter.searchPlaceholder': 'Tìm (không cần dấu)',
  'grid.filter.count': 'Đang hiện {shown}/{total} dòng',
  'grid.filter.clear': 'Bỏ lọc',
  'grid.paste.empty': 'Không có gì để dán.',
  'grid.paste.refused': 'Không dán được: vùng dán có ô bạn không được sửa (dòng {row}, cột «{column}»): {reason}',
  'grid.paste.refusedSection': 'Không dán được: vùng dán đè lên mục {row}: {reason}',
  'grid.paste.refusedAppend': 'Không dán được: vùng dán cần thêm dòng mới: {reason}',
  'grid.paste.refusedSections': 'Không dán được: bảng dán vào có mục (I, II…): {reason}',
  'grid.paste.droppedCells': 'Đã bỏ {count} cột thừa nằm ngoài bảng.',
  'grid.paste.droppedColumns': 'Bảng này không có cột {columns}: đã bỏ qua.',
  'grid.paste.appended': 'Đã thêm {count} dòng mới.',
  'grid.paste.tableInserted': 'Đã dán {count} dòng từ bảng sao chép.',
  'grid.clear.skipped': 'Đã bỏ qua {count} ô bạn không được sửa: {reason}',
  'grid.presence.editing': '{name} đang nhập',
  'grid.validation.toggle': 'Kiểm tra',
  'grid.validation.summary': '{errors} lỗi · {warnings} cảnh báo',
  'grid.validation.title': 'Kiểm tra bảng',
  'grid.validation.close': 'Đóng bảng kiểm tra',
  'grid.validation.none': 'Không có lỗi hay cảnh báo nào.',
  'grid.validation.error': 'Lỗi',
  'grid.validation.warning': 'Cảnh báo',
  'grid.validation.row': 'Dòng {row}',
  'grid.validation.table': 'Cả bảng',
  'grid.validation.findings': 'Các lỗi và cảnh báo',
  'grid.validation.more': '… và {count} mục nữa (lọc bảng theo tình trạng để xem).',
  'grid.validation.completeness': 'Mức hoàn thiện theo đơn vị',
  'grid.validation.completenessHint': 'Số dòng không còn lỗi / số dòng đơn vị chủ trì',
  'grid.validation.completenessRow': '{complete}/{rows} dòng',
  'grid.validation.unassigned': 'Chưa giao đơn vị',
  'grid.validation.filterUnit': 'Lọc các dòng của {unit}',

  // ─────────────────────────── editor.* (W3: cell editors) ─────────────────────
  'editor.input': 'Nội dung ô đang chọn',
  'editor.readOnlyCell': 'Ô chỉ đọc: {reason}',
  'editor.preview.understood': 'Hiểu là: {value}',
  'editor.preview.money': '{value} triệu đồng',
  'editor.units.chosen': 'Đơn vị đã chọn',
  'editor.units.free': 'Ngoài danh mục',
  'editor.units.freeTitle': 'Không có trong danh mục đơn vị: được giữ nguyên như đã gõ',
  'editor.units.remove': 'Bỏ {name}',
  'editor.units.suggestions': 'Gợi ý đơn vị',
  'editor.units.noMatch': 'Không có đơn vị nào khớp «{query}» — nội dung gõ sẽ được giữ nguyên.',
  'editor.units.keys': 'Enter: chọn và lưu · ↓ rồi Enter: thêm nhiều đơn vị · Backspace: bỏ đơn vị cuối · Esc: hủy',
  'editor.units.empty': 'Gõ tên đơn vị (không cần dấu), ví dụ “phong kinh te”.',
};

export type StringKey = keyof typeof vi;

const en: Record<StringKey, string> = {
  // ───────────────────────────── app.* (W1: shell) ─────────────────────────────
  'app.name': 'Phuluc',
  'app.tagline': 'Write and review the digital-transformation plan appendix together',
  'app.loading': 'Loading…',
  'app.error.network': 'Cannot reach the server. Please try again.',
  'app.error.generic': 'Something went wrong. Please try again.',
  'app.error.tooMany': 'Too many attempts. Please wait a moment and try again.',
  'app.lang.switch': 'Tiếng Việt',
  'app.lang.switchTitle': 'Switch to Vietnamese',
  'app.login.title': 'Sign in',
  'app.login.username': 'Username',
  'app.login.password': 'Password',
  'app.login.submit': 'Sign in',
  'app.login.submitting': 'Signing in…',
  'app.login.missing': 'Please enter your username and password.',
  'app.login.badCredentials': 'Wrong username or password.',
  'app.login.sessionExpired': 'Your session has expired. Please sign in again.',
  'app.logout': 'Sign out',
  'app.user.signedInAs': 'Signed in as {name}',
  'app.plans.title': 'Digital-transformation plans',
  'app.plans.empty': 'No plan has been assigned to you yet.',
  'app.plans.commune': 'Commune',
  'app.plans.year': 'Year',
  'app.plans.plan': 'Plan',
  'app.plans.tables': 'Tables',
  'app.plans.role': 'My role',
  'app.plans.open': 'Open',
  'app.plans.tableCount': '{count} tables',
  'app.plan.back': '← All plans',
  'app.plan.communeYear': '{commune} commune · {year}',
  'app.plan.tables': 'Appendix tables',
  'app.plan.noTables': 'This plan has no table yet.',
  'app.plan.notFound': 'This plan does not exist, or you may not see it.',
  'app.plan.loadingDoc': 'Loading the plan…',
  'app.plan.untitledTable': 'Table {n}',
  'app.plan.forbidden': 'The server refused your change: {reason}. The copy on this device was discarded and the plan reloaded from the server.',
  'app.plan.forbiddenNoReason': 'The server refused your change. The copy on this device was discarded and the plan reloaded from the server.',
  'app.plan.gridLoading': 'Preparing the table…',
  'app.save.saved': 'Saved',
  'app.save.syncing': 'Syncing…',
  'app.save.offline': 'Offline — changes are kept on this device',
  'app.presence.label': 'Online now',
  'app.presence.you': '{name} (you)',
  'app.presence.more': '+{count}',
  'app.role.admin': 'Administrator',
  'app.role.coordinator': 'Coordinator',
  'app.role.editor': 'Editor',
  'app.role.reviewer': 'Reviewer',
  'app.role.viewer': 'Viewer',
  'app.toast.close': 'Close notice',
  'app.notFound.title': 'Page not found',
  'app.notFound.back': 'Back to the plans',

  // ───────────────────────────── grid.* (W2: grid) ─────────────────────────────
  'grid.label': 'Table {title}',
  'grid.stt': 'No.',
  'grid.rowHeader': 'Row number',
  'grid.sectionUntitled': '(untitled section)',
  'grid.empty': 'This table has no rows yet.',
  'grid.emptyHint': 'Add a row, or click here and paste (Ctrl+V) a table copied from Excel or Word.',
  'grid.emptyFiltered': 'No row matches the filters.',
  'grid.toolbar': 'Table tools',
  'grid.row.insertAbove': 'Insert row above',
  'grid.row.insertBelow': 'Insert row below',
  'grid.row.add': 'Add row',
  'grid.row.addSection': 'Add section',
  'grid.row.addSectionAbove': 'Add section above',
  'grid.row.delete': 'Delete row',
  'grid.row.deleteMany': 'Delete {count} rows',
  'grid.row.deleted': 'Deleted {count} rows. Press Ctrl+Z to undo.',
  'grid.row.moveUp': 'Move up',
  'grid.row.moveDown': 'Move down',
  'grid.row.moveHint': 'Move rows up/down (Alt+Shift+↑/↓)',
  'grid.row.drag': 'Drag to move the row',
  'grid.row.menu': 'Row actions',
  'grid.undo': 'Undo',
  'grid.undoHint': 'Undo your change (Ctrl+Z)',
  'grid.redo': 'Redo',
  'grid.redoHint': 'Redo (Ctrl+Y)',
  'grid.column.menu': 'Options of column “{label}”',
  'grid.column.add': 'Add column',
  'grid.column.addRight': 'Add column to the right',
  'grid.column.addCustom': 'Other column…',
  'grid.column.customName': 'New column name',
  'grid.column.rename': 'Rename column',
  'grid.column.newName': 'New column name',
  'grid.column.remove': 'Remove column',
  'grid.column.removed': 'Removed column “{label}” (its content is kept). Press Ctrl+Z to undo.',
  'grid.column.moveLeft': 'Move left',
  'grid.column.moveRight': 'Move right',
  'grid.column.resize': 'Drag to resize column “{label}”',
  'grid.column.save': 'Save',
  'grid.column.cancel': 'Cancel',
  'grid.template': 'Table layout',
  'grid.templateChoose': 'Choose a layout…',
  'grid.templateApplied': 'Applied the layout “{name}”.',
  'grid.filter.owner': 'Lead unit',
  'grid.filter.ownerAll': 'All units',
  'grid.filter.ownerNone': 'No unit assigned',
  'grid.filter.state': 'State',
  'grid.filter.stateAll': 'Any state',
  'grid.filter.stateError': 'With errors',
  'grid.filter.stateWarning': 'With warnings',
  'grid.filter.stateOk': 'Valid',
  'grid.filter.mine': 'My unit’s rows',
  'grid.filter.search': 'Search the table',
  'grid.filter.searchPlaceholder': 'Search (no diacritics needed)',
  'grid.filter.count': 'Showing {shown} of {total} rows',
  'grid.filter.clear': 'Clear filters',
  'grid.paste.empty': 'Nothing to paste.',
  'grid.paste.refused': 'Cannot paste: the block covers a cell you may not edit (row {row}, column “{column}”): {reason}',
  'grid.paste.refusedSection': 'Cannot paste: the block covers section {row}: {reason}',
  'grid.paste.refusedAppend': 'Cannot paste: the block needs new rows: {reason}',
  'grid.paste.refusedSections': 'Cannot paste: the pasted table has sections (I, II…): {reason}',
  'grid.paste.droppedCells': 'Dropped {count} extra columns beyond the table.',
  'grid.paste.droppedColumns': 'This table has no column {columns}: skipped.',
  'grid.paste.appended': 'Added {count} new rows.',
  'grid.paste.tableInserted': 'Pasted {count} rows from the copied table.',
  'grid.clear.skipped': 'Skipped {count} cells you may not edit: {reason}',
  'grid.presence.editing': '{name} is typing',
  'grid.validation.toggle': 'Check',
  'grid.validation.summary': '{errors} errors · {warnings} warnings',
  'grid.validation.title': 'Table check',
  'grid.validation.close': 'Close the check panel',
  'grid.validation.none': 'No errors or warnings.',
  'grid.validation.error': 'Error',
  'grid.validation.warning': 'Warning',
  'grid.validation.row': 'Row {row}',
  'grid.validation.table': 'Whole table',
  'grid.validation.findings': 'Errors and warnings',
  'grid.validation.more': '… and {count} more (filter the table by state to see them).',
  'grid.validation.completeness': 'Completeness by unit',
  'grid.validation.completenessHint': 'Rows without errors / rows the unit leads',
  'grid.validation.completenessRow': '{complete}/{rows} rows',
  'grid.validation.unassigned': 'No unit assigned',
  'grid.validation.filterUnit': 'Show the rows of {unit}',

  // ─────────────────────────── editor.* (W3: cell editors) ─────────────────────
  'editor.input': 'Content of the selected cell',
  'editor.readOnlyCell': 'Read-only cell: {reason}',
  'editor.preview.understood': 'Understood as: {value}',
  'editor.preview.money': '{value} million VND',
  'editor.units.chosen': 'Chosen units',
  'editor.units.free': 'Not in the directory',
  'editor.units.freeTitle': 'Not in the unit directory: kept as typed',
  'editor.units.remove': 'Remove {name}',
  'editor.units.suggestions': 'Suggested units',
  'editor.units.noMatch': 'No unit matches “{query}” — the text is kept as typed.',
  'editor.units.keys': 'Enter: pick and save · ↓ then Enter: add several units · Backspace: remove last unit · Esc: cancel',
  'editor.units.empty': 'Type a unit name (diacritics optional), e.g. “phong kinh te”.',
};

export const STRINGS: Readonly<Record<Lang, Readonly<Record<StringKey, string>>>> = { vi, en };

export type TParams = Readonly<Record<string, string | number>>;
export type TFunction = (key: StringKey, params?: TParams) => string;

const LANG_STORAGE_KEY = 'phuluc.lang';

/** Fills `{name}` placeholders; unknown placeholders stay as they are. */
export function stringFormat(template: string, params?: TParams): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    return value === undefined ? whole : String(value);
  });
}

/** The translator for one language (usable outside React, e.g. in sync code or tests). */
export function stringsFor(lang: Lang): TFunction {
  return translators[lang];
}

function translatorCreate(lang: Lang): TFunction {
  const dict = STRINGS[lang];
  return (key, params) => stringFormat(dict[key] ?? STRINGS.vi[key] ?? key, params);
}

// One function per language, so `t` keeps its identity between renders (safe in hook deps).
const translators: Readonly<Record<Lang, TFunction>> = { vi: translatorCreate('vi'), en: translatorCreate('en') };

function langRead(): Lang {
  try {
    const saved = globalThis.localStorage?.getItem(LANG_STORAGE_KEY);
    return saved === 'en' ? 'en' : 'vi';
  } catch {
    return 'vi';
  }
}

let currentLang: Lang = langRead();
const listeners = new Set<() => void>();

/** The language in use now (Vietnamese unless the person chose English). */
export function langCurrent(): Lang {
  return currentLang;
}

/** Switches the language for the whole app and remembers the choice in localStorage. */
export function langSet(lang: Lang): void {
  if (lang === currentLang) return;
  currentLang = lang;
  try {
    globalThis.localStorage?.setItem(LANG_STORAGE_KEY, lang);
  } catch {
    // Private mode or storage full: the choice lasts for this tab only.
  }
  if (typeof document !== 'undefined') document.documentElement.lang = lang;
  for (const cb of listeners) cb();
}

function langSubscribe(cb: () => void): () => void {
  listeners.add(cb);
  return () => listeners.delete(cb);
}

/** The current language; re-renders the component when it changes. */
export function useLang(): Lang {
  return useSyncExternalStore(langSubscribe, langCurrent, langCurrent);
}

/** `t(key, params?)` in the current language; re-renders the component when it changes. */
export function useT(): TFunction {
  const lang = useLang();
  return stringsFor(lang);
}
