/**
 * Reading the ZIP container of an uploaded DOCX / XLSX without trusting it. The upload's size
 * is checked before anything else; the central directory is read by hand and judged first
 * (entry count, declared sizes and compression ratios, encryption, duplicate names); then each
 * entry the importer asks for is inflated in small steps with fflate's streaming `Inflate`,
 * counting the bytes that actually come out, so a zip bomb that lies about its sizes is stopped
 * after about a megabyte of output instead of filling the memory. Macro-enabled documents
 * (a `vbaProject.bin`, a macro-enabled content type) are refused. Every refusal is a failed
 * ParseResult with a Vietnamese reason a clerk can act on.
 */
import { IMPORT_FAILURE_CODES, IMPORT_MAX_FILE_BYTES, type ParseResult, parseFail, parseOk } from '@phuluc/domain';
import { Inflate } from 'fflate';

/** The limits every uploaded file is held to. */
export interface ZipLimits {
  /** The upload itself (bytes). */
  maxUploadBytes: number;
  /** Entries in the central directory. */
  maxEntries: number;
  /** Uncompressed bytes of one entry (declared or actual). */
  maxEntryBytes: number;
  /** Uncompressed bytes of the whole archive (declared), and of everything inflated (actual). */
  maxTotalBytes: number;
  /** Uncompressed : compressed, beyond `ratioGraceBytes` of output. */
  maxRatio: number;
  ratioGraceBytes: number;
}

/** Uploads up to the domain's `IMPORT_MAX_FILE_BYTES` (10 MB); 50 MB uncompressed at most, 32 MB per part; ratio 200:1 after the first MB. */
export const ZIP_LIMITS: ZipLimits = {
  maxUploadBytes: IMPORT_MAX_FILE_BYTES,
  maxEntries: 5000,
  maxEntryBytes: 32 * 1024 * 1024,
  maxTotalBytes: 50 * 1024 * 1024,
  maxRatio: 200,
  ratioGraceBytes: 1024 * 1024,
};

/** One entry of the central directory. */
export interface ZipEntry {
  name: string;
  method: number;
  /** Bytes in the file. */
  compressedSize: number;
  /** Bytes once inflated, as declared (never trusted: inflating counts for itself). */
  declaredSize: number;
  localOffset: number;
}

/** An opened archive: its entries, and reading one (inflated under the limits). */
export interface ZipArchive {
  readonly entries: readonly ZipEntry[];
  has: (name: string) => boolean;
  /** The entry's bytes; a missing entry, a bomb or a corrupt stream is a failed result. */
  read: (name: string) => ParseResult<Uint8Array>;
}

const SIG_LOCAL = 0x04034b50;
const SIG_CENTRAL = 0x02014b50;
const SIG_END = 0x06054b50;
const SIG_END64 = 0x06064b50;
const SIG_END64_LOCATOR = 0x07064b50;
const INFLATE_STEP = 8 * 1024;

/** "10 MB", "1,5 MB": sizes as a clerk reads them. */
export function sizeText(bytes: number): string {
  const mb = bytes / (1024 * 1024);
  return `${mb.toLocaleString('vi-VN', { maximumFractionDigits: mb < 10 ? 1 : 0 })} MB`;
}

function u16(b: Uint8Array, at: number): number {
  return (b[at] ?? 0) | ((b[at + 1] ?? 0) << 8);
}

function u32(b: Uint8Array, at: number): number {
  return ((b[at] ?? 0) | ((b[at + 1] ?? 0) << 8) | ((b[at + 2] ?? 0) << 16) | ((b[at + 3] ?? 0) << 24)) >>> 0;
}

function u64(b: Uint8Array, at: number): number {
  // Sizes beyond 2^53 are hostile anyway; they come out as a huge number and are refused.
  return u32(b, at) + u32(b, at + 4) * 0x1_0000_0000;
}

/** Whether the bytes start like a ZIP file (a local header, or the end record of an empty archive). */
export function zipLooks(bytes: Uint8Array): boolean {
  const sig = u32(bytes, 0);
  return bytes.length >= 4 && (sig === SIG_LOCAL || sig === SIG_END);
}

function corrupt(what: string): ParseResult<never> {
  return parseFail(
    IMPORT_FAILURE_CODES.zipCorrupt,
    `Tệp bị hỏng hoặc không phải tệp Word/Excel hợp lệ (${what}). Hãy mở tệp bằng Word/Excel, lưu lại rồi tải lên lần nữa.`,
  );
}

function bomb(detail: string): ParseResult<never> {
  return parseFail(
    IMPORT_FAILURE_CODES.zipBomb,
    `Tệp bị từ chối: ${detail}. Đây có thể là tệp độc hại (“bom nén”); tệp Word/Excel thông thường không như vậy.`,
  );
}

function partTooLarge(name: string, allowed: number): ParseResult<never> {
  return parseFail(
    IMPORT_FAILURE_CODES.xmlTooLarge,
    `Phần “${name}” trong tệp quá lớn khi giải nén (hơn ${sizeText(allowed)}). Bảng phụ lục thường chỉ vài MB; hãy tách tệp hoặc xoá bớt nội dung không cần.`,
  );
}

/** The end-of-central-directory record: where the directory is and how many entries it has. */
function directoryFind(bytes: Uint8Array): ParseResult<{ offset: number; size: number; count: number }> {
  const lowest = Math.max(0, bytes.length - 22 - 0xffff);
  let end = -1;
  for (let at = bytes.length - 22; at >= lowest; at -= 1) {
    if (u32(bytes, at) === SIG_END) {
      end = at;
      break;
    }
  }
  if (end < 0) return corrupt('không tìm thấy mục lục của tệp nén');
  if (u16(bytes, end + 4) !== 0 || u16(bytes, end + 6) !== 0) return corrupt('tệp nén chia nhiều phần');
  let count = u16(bytes, end + 10);
  let size = u32(bytes, end + 12);
  let offset = u32(bytes, end + 16);
  if (count === 0xffff || size === 0xffffffff || offset === 0xffffffff) {
    const locator = end - 20;
    if (locator < 0 || u32(bytes, locator) !== SIG_END64_LOCATOR) return corrupt('thiếu mục lục ZIP64');
    const end64 = u64(bytes, locator + 8);
    if (end64 + 56 > bytes.length || u32(bytes, end64) !== SIG_END64) return corrupt('mục lục ZIP64 hỏng');
    count = u64(bytes, end64 + 32);
    size = u64(bytes, end64 + 40);
    offset = u64(bytes, end64 + 48);
  }
  if (offset + size > bytes.length) return corrupt('mục lục nằm ngoài tệp');
  return parseOk({ offset, size, count });
}

/**
 * Opens an uploaded ZIP after checking what its central directory declares: at most
 * `maxEntries` entries, none encrypted, no two with the same name, each within the per-entry
 * size and ratio limits, all together within the total. Nothing is inflated yet.
 */
export function zipOpen(bytes: Uint8Array, limits: ZipLimits = ZIP_LIMITS): ParseResult<ZipArchive> {
  if (bytes.length > limits.maxUploadBytes) {
    return parseFail(
      IMPORT_FAILURE_CODES.tooLarge,
      `Tệp quá lớn (${sizeText(bytes.length)}); chỉ nhận tệp tối đa ${sizeText(limits.maxUploadBytes)}.`,
    );
  }
  if (!zipLooks(bytes)) {
    return parseFail(IMPORT_FAILURE_CODES.notZip, 'Tệp không phải tệp Word (.docx) hay Excel (.xlsx): nó không có cấu trúc tệp nén (ZIP) của các tệp này.');
  }
  const found = directoryFind(bytes);
  if (!found.ok) return found;
  const { offset, size, count } = found.value;
  if (count > limits.maxEntries) return bomb(`tệp nén chứa ${count.toLocaleString('vi-VN')} mục (tối đa ${limits.maxEntries.toLocaleString('vi-VN')})`);

  const entries: ZipEntry[] = [];
  const byName = new Map<string, ZipEntry>();
  let declaredTotal = 0;
  let at = offset;
  const directoryEnd = offset + size;
  for (let k = 0; k < count; k += 1) {
    if (at + 46 > directoryEnd || u32(bytes, at) !== SIG_CENTRAL) return corrupt('mục lục hỏng');
    const flags = u16(bytes, at + 8);
    const method = u16(bytes, at + 10);
    let compressedSize = u32(bytes, at + 20);
    let declaredSize = u32(bytes, at + 24);
    const nameLength = u16(bytes, at + 28);
    const extraLength = u16(bytes, at + 30);
    const commentLength = u16(bytes, at + 32);
    let localOffset = u32(bytes, at + 42);
    const nameEnd = at + 46 + nameLength;
    if (nameEnd + extraLength + commentLength > directoryEnd) return corrupt('mục lục hỏng');
    const name = new TextDecoder('utf-8').decode(bytes.subarray(at + 46, nameEnd));
    // ZIP64 sizes and offset, in the order the fixed fields overflowed.
    if (compressedSize === 0xffffffff || declaredSize === 0xffffffff || localOffset === 0xffffffff) {
      let e = nameEnd;
      const extraEnd = nameEnd + extraLength;
      while (e + 4 <= extraEnd) {
        const id = u16(bytes, e);
        const length = u16(bytes, e + 2);
        if (id === 0x0001) {
          let f = e + 4;
          if (declaredSize === 0xffffffff) {
            declaredSize = u64(bytes, f);
            f += 8;
          }
          if (compressedSize === 0xffffffff) {
            compressedSize = u64(bytes, f);
            f += 8;
          }
          if (localOffset === 0xffffffff) localOffset = u64(bytes, f);
          break;
        }
        e += 4 + length;
      }
    }
    at = nameEnd + extraLength + commentLength;

    if (flags & 0x1) {
      return parseFail(
        IMPORT_FAILURE_CODES.encrypted,
        'Tệp được đặt mật khẩu nên không đọc được. Hãy mở tệp, bỏ mật khẩu, lưu lại rồi tải lên lần nữa.',
      );
    }
    if (byName.has(name)) return corrupt(`có hai mục cùng tên “${name}”`);
    if (name.endsWith('/')) continue; // a folder
    if (declaredSize > limits.ratioGraceBytes && declaredSize > limits.maxRatio * Math.max(1, compressedSize)) {
      return bomb(
        `phần “${name}” giải nén ra ${sizeText(declaredSize)} từ ${sizeText(compressedSize)} — ` +
          `nén gấp ${Math.round(declaredSize / Math.max(1, compressedSize)).toLocaleString('vi-VN')} lần, quá mức bình thường`,
      );
    }
    if (declaredSize > limits.maxEntryBytes) return partTooLarge(name, limits.maxEntryBytes);
    declaredTotal += declaredSize;
    if (declaredTotal > limits.maxTotalBytes) {
      return parseFail(
        IMPORT_FAILURE_CODES.xmlTooLarge,
        `Tệp quá lớn khi giải nén (các phần cộng lại hơn ${sizeText(limits.maxTotalBytes)}). Bảng phụ lục thường chỉ vài MB; hãy xoá bớt hình ảnh hoặc nội dung không cần rồi tải lên lần nữa.`,
      );
    }
    if (localOffset + 30 > bytes.length) return corrupt(`phần “${name}” nằm ngoài tệp`);
    const entry: ZipEntry = { name, method, compressedSize, declaredSize, localOffset };
    entries.push(entry);
    byName.set(name, entry);
  }

  let inflatedTotal = 0;
  return parseOk({
    entries,
    has: (name) => byName.has(name),
    read(name) {
      const entry = byName.get(name);
      if (!entry) return corrupt(`thiếu phần “${name}”`);
      const local = entry.localOffset;
      if (u32(bytes, local) !== SIG_LOCAL) return corrupt(`phần “${name}” hỏng`);
      const start = local + 30 + u16(bytes, local + 26) + u16(bytes, local + 28);
      const end = start + entry.compressedSize;
      if (end > bytes.length) return corrupt(`phần “${name}” nằm ngoài tệp`);
      const data = bytes.subarray(start, end);
      const allowed = Math.min(limits.maxEntryBytes, limits.maxTotalBytes - inflatedTotal);
      const result = entryInflate(name, entry.method, data, allowed, limits);
      if (result.ok) inflatedTotal += result.value.length;
      return result;
    },
  });
}

/** Inflates one entry, stopping as soon as it outgrows `allowed` bytes or the ratio limit. */
function entryInflate(name: string, method: number, data: Uint8Array, allowed: number, limits: ZipLimits): ParseResult<Uint8Array> {
  const tooLarge = (): ParseResult<never> => partTooLarge(name, allowed);
  if (method === 0) {
    if (data.length > allowed) return tooLarge();
    return parseOk(data.slice());
  }
  if (method !== 8) {
    return parseFail(
      IMPORT_FAILURE_CODES.unsupported,
      `Phần “${name}” được nén theo cách không hỗ trợ (phương pháp ${method}). Hãy mở tệp bằng Word/Excel, lưu lại rồi tải lên lần nữa.`,
    );
  }
  const chunks: Uint8Array[] = [];
  let produced = 0;
  let failure: ParseResult<never> | null = null;
  let consumed = 0;
  const inflater = new Inflate((chunk) => {
    if (failure) return;
    produced += chunk.length;
    if (produced > allowed) {
      failure = produced > limits.ratioGraceBytes && produced > limits.maxRatio * Math.max(1, consumed)
        ? bomb(`phần “${name}” giải nén ra quá nhiều dữ liệu so với kích thước nén`)
        : tooLarge();
      return;
    }
    if (produced > limits.ratioGraceBytes && produced > limits.maxRatio * Math.max(1, consumed)) {
      failure = bomb(`phần “${name}” nén quá mức bình thường (hơn ${limits.maxRatio} lần)`);
      return;
    }
    chunks.push(chunk);
  });
  try {
    for (let at = 0; at < data.length && !failure; at += INFLATE_STEP) {
      const step = data.subarray(at, Math.min(data.length, at + INFLATE_STEP));
      consumed += step.length;
      inflater.push(step, at + INFLATE_STEP >= data.length);
    }
    if (data.length === 0) inflater.push(new Uint8Array(0), true);
  } catch (error) {
    if (failure) return failure;
    return corrupt(`phần “${name}” không giải nén được: ${(error as Error).message}`);
  }
  if (failure) return failure;
  const out = new Uint8Array(produced);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return parseOk(out);
}

/** Content types of macro-enabled Office documents and of their VBA project. */
const MACRO_CONTENT_TYPE = /macroEnabled|vbaProject|vbaData/i;

/**
 * Refuses a macro-enabled document (.docm, .xlsm, or a .docx/.xlsx renamed from one): an entry
 * named vbaProject.bin / vbaData.xml, or a macro-enabled content type in [Content_Types].xml.
 */
export function zipMacrosRefuse(archive: ZipArchive): ParseResult<void> {
  const refused = parseFail(
    IMPORT_FAILURE_CODES.macros,
    'Tệp có chứa macro (mã VBA) nên bị từ chối vì lý do an toàn. Hãy mở tệp, lưu lại dưới dạng .docx hoặc .xlsx (không macro) rồi tải lên lần nữa.',
  );
  if (archive.entries.some((e) => /(^|\/)vba(Project\.bin|Data\.xml)$/i.test(e.name))) return refused;
  if (archive.has('[Content_Types].xml')) {
    const types = archive.read('[Content_Types].xml');
    if (!types.ok) return types;
    if (MACRO_CONTENT_TYPE.test(new TextDecoder('utf-8').decode(types.value))) return refused;
  }
  return parseOk(undefined);
}
