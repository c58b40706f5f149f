/**
 * The directory of units ("đơn vị": departments, agencies, groups) and the reading of a units
 * cell. Real plans spell one unit many ways ("Phòng VH-XH", "Phòng Văn hóa – Xã hội xã") and
 * separate units with ",", ";", "/", "và", new lines or nothing at all, while some names contain
 * commas themselves, so a cell is split against the directory (longest match), never on
 * punctuation alone.
 */
import { type ParseResult, parseFail, parseOk } from './result.ts';
import { textFoldDiacritics, textSlug, textTidy } from './text.ts';
import { UNITS_EXTRA_ALIASES, UNITS_SEED_TSV } from './units-seed.ts';

export const UNIT_SCOPES = ['commune', 'province', 'outside', 'group'] as const;

/** Why a units list (one unit a line: name, scope, aliases) cannot be read (the `code` of a failed result). */
export const UNITS_PARSE_CODES = {
  nameMissing: 'units.nameMissing',
  scopeUnknown: 'units.scopeUnknown',
  duplicate: 'units.duplicate',
} as const;
/** Where a unit sits: in the commune, at the province, outside government, or a group of units. */
export type UnitScope = (typeof UNIT_SCOPES)[number];

/** One unit of the directory. */
export interface Unit {
  /** Slug of the canonical name, e.g. 'phong-van-hoa-xa-hoi'. */
  id: string;
  /** The canonical name. */
  name: string;
  scope: UnitScope;
  /** Other spellings seen in real plans (may repeat the canonical name). */
  aliases: string[];
}

/** A node of the token trie every spelling of every unit is stored in. */
export interface UnitTrieNode {
  readonly next: Map<string, UnitTrieNode>;
  unit?: Unit;
  /** Set from a spelling with its trailing "xã" added or removed: a written spelling overrides it. */
  derived?: boolean;
}

/** What `unitSearch` compares a query with: one spelling of one unit, precomputed. */
export interface UnitSearchEntry {
  readonly unit: Unit;
  readonly order: number;
  /** Word tokens joined by single spaces, a trailing " xa" removed. */
  readonly plain: string;
  readonly words: readonly string[];
  /** First letters of the words ("phong van hoa xa hoi" → "pvhxh"). */
  readonly initials: string;
}

/** The units and the indexes built from them once (see `unitDirectoryCreate`). */
export interface UnitDirectory {
  readonly units: readonly Unit[];
  readonly byId: ReadonlyMap<string, Unit>;
  readonly trie: UnitTrieNode;
  readonly searchEntries: readonly UnitSearchEntry[];
}

/** A unit named in a cell, or a group of units ("Các trường phổ thông", "các phòng chuyên môn xã"). */
export interface UnitMatch {
  /** The directory unit; null for a group noun the directory does not list. */
  unitId: string | null;
  /**
   * A group noun ("các …", or a unit of scope 'group'): it names no one unit, so two groups are
   * never the same unit, even when the directory lists one as a spelling of the other.
   */
  group: boolean;
  /** The exact source substring. */
  text: string;
  start: number;
  end: number;
  /** Inside parentheses, e.g. "(phối hợp Trạm Y tế)". */
  aside: boolean;
}

/** Where a stretch of a cell lies. */
interface Span {
  start: number;
  end: number;
}

/** A units cell read against the directory. */
export interface UnitsSplit {
  matches: UnitMatch[];
  /** The source parts naming no known unit, trimmed of separators, in order. */
  unknown: string[];
}

// ---------------------------------------------------------------------------------------------
// Tokens

interface Token {
  /** Folded, lower-case word, or the punctuation character ("\n" for any line break). */
  key: string;
  start: number;
  end: number;
  /** Separates units: ",", ";", "/", "và", a new line, parentheses… Costs nothing when skipped. */
  sep: boolean;
  /** Parenthesis depth (0 outside). */
  depth: number;
}

// Words; line breaks; other blanks (zero-width ones too); dashes (dropped: "VH-XH" = "VH - XH"); any other character.
const TOKEN_RE =
  /([\p{L}\p{N}\p{M}]+)|(\r\n|[\r\n\u2028\u2029])|((?:[^\S\r\n\u2028\u2029]|[\u200B-\u200D\u2060])+)|([-\u2010-\u2015\u2212\uFE58\uFE63\uFF0D])|([^])/gu;
const SEP_CHARS = new Set([',', ';', '/', '\\', '(', ')', '+', '.', ':', '|', '\n', '，', '；', '、']);
const SEP_WORDS = new Set(['va']);
const ASCII_WORD_RE = /^[A-Za-z0-9]+$/;
const XA = 'xa';
const HEAD_PHONG = 'phong';
// Plural markers: "các trường phổ thông", "những đơn vị …" name a group, never one unit.
const GROUP_MARKERS = new Set(['cac', 'nhung']);

function wordKey(word: string): string {
  // Most tokens are plain ASCII abbreviations ("UBND", "HCC"): skip the Unicode normalisation.
  if (ASCII_WORD_RE.test(word)) return word.toLowerCase();
  // "Ð" (U+00D0) is often typed for "Đ".
  return textFoldDiacritics(word).toLowerCase().replace(/ð/g, 'd');
}

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let depth = 0;
  TOKEN_RE.lastIndex = 0;
  for (let m = TOKEN_RE.exec(text); m !== null; m = TOKEN_RE.exec(text)) {
    const start = m.index;
    const end = start + m[0].length;
    if (m[1] !== undefined) {
      const key = wordKey(m[1]);
      tokens.push({ key, start, end, sep: SEP_WORDS.has(key), depth });
    } else if (m[2] !== undefined) {
      tokens.push({ key: '\n', start, end, sep: true, depth });
    } else if (m[5] !== undefined) {
      const key = m[5];
      if (key === ')') depth = Math.max(0, depth - 1);
      tokens.push({ key, start, end, sep: SEP_CHARS.has(key), depth });
      if (key === '(') depth += 1;
    }
    // blanks and dashes leave no token: spacing and dashes never decide a match
  }
  return tokens;
}

function nameKeys(name: string): string[] {
  return tokenize(name).map((t) => t.key);
}

// ---------------------------------------------------------------------------------------------
// Directory

function trieInsert(root: UnitTrieNode, keys: readonly string[], unit: Unit, derived: boolean): void {
  if (keys.length === 0) return;
  let node = root;
  for (const key of keys) {
    let child = node.next.get(key);
    if (child === undefined) {
      child = { next: new Map() };
      node.next.set(key, child);
    }
    node = child;
  }
  // The first written spelling wins; a derived one only fills a gap.
  if (node.unit === undefined || (node.derived === true && !derived)) {
    node.unit = unit;
    node.derived = derived;
  }
}

function unitSpellings(unit: Unit): string[] {
  return [unit.name, ...unit.aliases];
}

/** Builds a directory and its indexes (token trie, ids, search entries) once. */
export function unitDirectoryCreate(units: Unit[]): UnitDirectory {
  const byId = new Map<string, Unit>();
  for (const unit of units) if (!byId.has(unit.id)) byId.set(unit.id, unit);

  const trie: UnitTrieNode = { next: new Map() };
  const spellings = units.map((unit) => ({ unit, keys: unitSpellings(unit).map(nameKeys) }));
  for (const { unit, keys } of spellings) for (const k of keys) trieInsert(trie, k, unit, false);
  // "Công an" and "Công an xã", "Văn phòng HĐND và UBND" and "… xã" name the same commune unit;
  // a province unit followed by "xã" is a mistake worth reporting, so it gets no variant.
  for (const { unit, keys } of spellings) {
    if (unit.scope === 'province') continue;
    for (const k of keys) {
      if (k[k.length - 1] === XA) trieInsert(trie, k.slice(0, -1), unit, true);
      else trieInsert(trie, [...k, XA], unit, true);
    }
  }
  // "kinh te" is Phòng Kinh tế, as the autocomplete finds it: a commune department may be named
  // without its head noun "Phòng" (with or without "xã"), so a part typed that way is read the
  // same whether it stands alone (unitFind) or among others (unitsSplit).
  for (const { unit, keys } of spellings) {
    if (unit.scope !== 'commune') continue;
    for (const k of keys) {
      if (k[0] !== HEAD_PHONG || k.length < 2) continue;
      const rest = k.slice(1);
      trieInsert(trie, rest, unit, true);
      if (rest[rest.length - 1] === XA) trieInsert(trie, rest.slice(0, -1), unit, true);
      else trieInsert(trie, [...rest, XA], unit, true);
    }
  }

  const searchEntries: UnitSearchEntry[] = [];
  units.forEach((unit, order) => {
    for (const spelling of unitSpellings(unit)) {
      const words = searchWords(spelling);
      if (words.length === 0) continue;
      searchEntries.push({
        unit,
        order,
        plain: words.join(' '),
        words,
        initials: words.map((w) => w[0] ?? '').join(''),
      });
    }
  });

  return { units, byId, trie, searchEntries };
}

/**
 * Reads the units.tsv format: a header row, then one unit a line: canonical name, scope, and the
 * spellings seen in real plans separated by " | ". Fails with a Vietnamese reason naming the line.
 */
export function unitsTsvParse(tsv: string): ParseResult<Unit[]> {
  const lines = tsv.split(/\r?\n/);
  const units: Unit[] = [];
  const ids = new Set<string>();
  for (let i = 1; i < lines.length; i += 1) {
    const line = lines[i] ?? '';
    if (line.trim() === '') continue;
    const [nameCell = '', scopeCell = '', aliasCell = ''] = line.split('\t');
    const name = textTidy(nameCell);
    const scope = scopeCell.trim();
    const lineNo = i + 1;
    if (name === '') return parseFail(UNITS_PARSE_CODES.nameMissing, `Dòng ${lineNo}: thiếu tên đơn vị.`);
    if (!(UNIT_SCOPES as readonly string[]).includes(scope)) {
      return parseFail(
        UNITS_PARSE_CODES.scopeUnknown,
        `Dòng ${lineNo}: phạm vi «${scope}» không hợp lệ (chỉ dùng ${UNIT_SCOPES.join(', ')}).`,
      );
    }
    const id = textSlug(name);
    if (ids.has(id)) return parseFail(UNITS_PARSE_CODES.duplicate, `Dòng ${lineNo}: đơn vị «${name}» bị trùng.`);
    ids.add(id);
    const aliases = aliasCell
      .split('|')
      .map((a) => textTidy(a))
      .filter((a) => a !== '');
    units.push({ id, name, scope: scope as UnitScope, aliases });
  }
  return parseOk(units);
}

/** A directory from the units.tsv format; throws with the Vietnamese reason if the text is malformed. */
export function unitDirectoryFromTsv(tsv: string): UnitDirectory {
  const parsed = unitsTsvParse(tsv);
  if (!parsed.ok) throw new Error(parsed.reason);
  return unitDirectoryCreate(parsed.value);
}

let defaultDirectory: UnitDirectory | undefined;

/** The shipped directory (`UNITS_SEED_TSV` plus `UNITS_EXTRA_ALIASES`), built on first use and cached. */
export function unitDirectoryDefault(): UnitDirectory {
  defaultDirectory ??= unitDirectoryCreate(
    unitDirectoryFromTsv(UNITS_SEED_TSV).units.map((u) => ({ ...u, aliases: [...u.aliases, ...(UNITS_EXTRA_ALIASES[u.id] ?? [])] })),
  );
  return defaultDirectory;
}

/** The unit with this id, if any. */
export function unitById(dir: UnitDirectory, id: string): Unit | undefined {
  return dir.byId.get(id);
}

// ---------------------------------------------------------------------------------------------
// Lookup

/**
 * The unit the whole text names (canonical name or alias), ignoring diacritics, case, dashes and
 * spacing; a trailing "xã" is optional for commune units. Surrounding separators are ignored.
 */
export function unitFind(dir: UnitDirectory, text: string): Unit | undefined {
  const tokens = tokenize(text);
  let first = 0;
  let last = tokens.length;
  while (first < last && tokens[first]?.sep === true) first += 1;
  while (last > first && tokens[last - 1]?.sep === true) last -= 1;
  if (first === last) return undefined;
  let node: UnitTrieNode | undefined = dir.trie;
  for (let i = first; i < last && node !== undefined; i += 1) node = node.next.get(tokens[i]?.key ?? '');
  return node?.unit;
}

function searchWords(text: string): string[] {
  const words = tokenize(text)
    .filter((t) => /[\p{L}\p{N}]/u.test(t.key))
    .map((t) => t.key);
  if (words.length > 1 && words[words.length - 1] === XA) words.pop();
  return words;
}

function wordsPrefixInOrder(query: readonly string[], words: readonly string[]): boolean {
  let w = 0;
  for (const q of query) {
    while (w < words.length && !(words[w] ?? '').startsWith(q)) w += 1;
    if (w === words.length) return false;
    w += 1;
  }
  return true;
}

/** 0 exact, 1 prefix, 2 word-prefix, 3 substring, 4 initials; undefined when the entry does not match. */
function searchRank(entry: UnitSearchEntry, query: readonly string[], plain: string, compact: string): number | undefined {
  if (entry.plain === plain) return 0;
  if (entry.plain.startsWith(plain)) return 1;
  if (wordsPrefixInOrder(query, entry.words)) return 2;
  if (entry.plain.includes(plain) || entry.plain.replace(/ /g, '').includes(compact)) return 3;
  if (compact.length >= 2 && entry.initials.includes(compact)) return 4;
  return undefined;
}

/**
 * Units for an autocomplete, best first: exact > prefix > word-prefix ("kinh te", "hcc") >
 * substring > initials, over canonical names and aliases, ignoring diacritics, case and dashes;
 * ties keep directory order. An empty query lists the directory.
 */
export function unitSearch(dir: UnitDirectory, query: string, limit = 10): Unit[] {
  const words = searchWords(query);
  if (words.length === 0) return dir.units.slice(0, limit);
  const plain = words.join(' ');
  const compact = words.join('');
  const best = new Map<Unit, { rank: number; order: number }>();
  for (const entry of dir.searchEntries) {
    const rank = searchRank(entry, words, plain, compact);
    if (rank === undefined) continue;
    const seen = best.get(entry.unit);
    if (seen === undefined || rank < seen.rank) best.set(entry.unit, { rank, order: entry.order });
  }
  return [...best.entries()]
    .sort(([, a], [, b]) => a.rank - b.rank || a.order - b.order)
    .slice(0, limit)
    .map(([unit]) => unit);
}

// ---------------------------------------------------------------------------------------------
// Splitting a cell

// Role words opening an aside: "(phối hợp Trạm Y tế)" names Trạm Y tế, not an unknown "phối hợp".
const ASIDE_OPENERS: readonly (readonly string[])[] = [['phoi', 'hop', 'voi'], ['phoi', 'hop'], ['chu', 'tri']];
// What ends a part of a cell for a group noun and for the parts quoted in messages: the
// separators people put between units. Parentheses do not: "các đơn vị sự nghiệp (trực) thuộc
// UBND xã" is one group.
const PART_ENDS = new Set([',', ';', '/', '\\', '+', '|', '\n', '，', '；', '、', 'va']);

const STEP_SKIP = 0;
const STEP_UNIT = 1;
const STEP_OPENER = 2;
const STEP_GROUP = 3;

function openerLength(tokens: readonly Token[], i: number): number {
  if (tokens[i - 1]?.key !== '(') return 0;
  for (const opener of ASIDE_OPENERS) {
    if (opener.every((key, k) => tokens[i + k]?.key === key)) return opener.length;
  }
  return 0;
}

/** True where a group noun's phrase stops: a separator between units, or an aside "(phối hợp …". */
function groupStops(tokens: readonly Token[], j: number): boolean {
  const token = tokens[j] as Token;
  if (PART_ENDS.has(token.key)) return true;
  if (token.key === '(' && openerLength(tokens, j + 1) > 0) return true;
  return token.sep && token.key !== '(' && token.key !== ')';
}

/** Whether a directory unit matched from token `i` is a group noun. */
function matchIsGroup(unit: Unit, tokens: readonly Token[], i: number): boolean {
  return unit.scope === 'group' || GROUP_MARKERS.has((tokens[i] as Token).key);
}

interface UnitsReading {
  tokens: Token[];
  matches: UnitMatch[];
  unknown: Span[];
}

/** The best reading of a cell (see `unitsSplit`), with the offsets of its unknown stretches. */
function unitsRead(dir: UnitDirectory, cell: string): UnitsReading {
  const tokens = tokenize(cell);
  const n = tokens.length;
  const matches: UnitMatch[] = [];
  const unknown: Span[] = [];
  if (n === 0) return { tokens, matches, unknown };

  // Best reading of tokens[i..]: unknown words, then units named; with the step taken at i.
  const unknownCost = new Int32Array(n + 1);
  const unitCount = new Int32Array(n + 1);
  const stepKind = new Uint8Array(n);
  const stepEnd = new Int32Array(n);
  const stepUnit: (Unit | undefined)[] = new Array<Unit | undefined>(n);

  for (let i = n - 1; i >= 0; i -= 1) {
    const token = tokens[i] as Token;
    let bestUnknown = (unknownCost[i + 1] ?? 0) + (token.sep ? 0 : 1);
    let bestCount = unitCount[i + 1] ?? 0;
    let kind = STEP_SKIP;
    let end = i + 1;
    let unit: Unit | undefined;

    const opener = openerLength(tokens, i);
    if (opener > 0) {
      const u = unknownCost[i + opener] ?? 0;
      const c = unitCount[i + opener] ?? 0;
      if (u < bestUnknown || (u === bestUnknown && c <= bestCount)) {
        [bestUnknown, bestCount, kind, end] = [u, c, STEP_OPENER, i + opener];
      }
    }

    // A group noun: the plural marker and the words after it, up to the end of its part.
    if (GROUP_MARKERS.has(token.key)) {
      for (let j = i + 1; j < n && !groupStops(tokens, j); j += 1) {
        if ((tokens[j] as Token).sep) continue;
        const u = unknownCost[j + 1] ?? 0;
        const c = (unitCount[j + 1] ?? 0) + 1;
        if (u < bestUnknown || (u === bestUnknown && c <= bestCount)) {
          [bestUnknown, bestCount, kind, end, unit] = [u, c, STEP_GROUP, j + 1, undefined];
        }
      }
    }

    // Directory spellings come last: on a tie they win over a group noun (they have an id).
    let node: UnitTrieNode | undefined = dir.trie;
    for (let j = i; j < n; j += 1) {
      node = node.next.get((tokens[j] as Token).key);
      if (node === undefined) break;
      if (node.unit === undefined) continue;
      const u = unknownCost[j + 1] ?? 0;
      const c = (unitCount[j + 1] ?? 0) + 1;
      // Ties go to the later (longer) spelling.
      if (u < bestUnknown || (u === bestUnknown && c <= bestCount)) {
        [bestUnknown, bestCount, kind, end, unit] = [u, c, STEP_UNIT, j + 1, node.unit];
      }
    }

    unknownCost[i] = bestUnknown;
    unitCount[i] = bestCount;
    stepKind[i] = kind;
    stepEnd[i] = end;
    stepUnit[i] = unit;
  }

  let partStart = -1;
  let partEnd = -1;
  const partClose = (): void => {
    if (partStart >= 0) unknown.push({ start: partStart, end: partEnd });
    partStart = -1;
  };
  for (let i = 0; i < n; ) {
    const token = tokens[i] as Token;
    const end = stepEnd[i] ?? i + 1;
    const step = stepKind[i];
    if (step === STEP_UNIT || step === STEP_GROUP) {
      partClose();
      const last = tokens[end - 1] as Token;
      const unit = stepUnit[i];
      matches.push({
        unitId: unit?.id ?? null,
        group: unit === undefined || matchIsGroup(unit, tokens, i),
        text: cell.slice(token.start, last.end),
        start: token.start,
        end: last.end,
        aside: token.depth > 0,
      });
    } else if (step === STEP_OPENER || token.sep) {
      partClose();
    } else {
      if (partStart < 0) partStart = token.start;
      partEnd = token.end;
    }
    i = end;
  }
  partClose();
  return { tokens, matches, unknown };
}

/**
 * Splits a units cell against the directory. Among all readings it picks the one leaving the
 * fewest words unknown, then naming the fewest units (so the longest spelling wins: "Công an tỉnh"
 * is one unit, not "Công an" and "tỉnh"); whole words only ("Thôn" never matches in "Thông tin").
 * A group noun ("các …" up to the next separator) is a match of its own, marked `group`.
 * Unknown stretches are cut at separators.
 */
export function unitsSplit(dir: UnitDirectory, cell: string): UnitsSplit {
  const { matches, unknown } = unitsRead(dir, cell);
  return { matches, unknown: unknown.map((s) => cell.slice(s.start, s.end)) };
}

/**
 * The parts of a cell naming something outside the directory, each whole as written between the
 * separators people put between units — for messages, which must never cut a name: in "Ban quản
 * lý chợ thuộc UBND xã" the part is the whole phrase, not "Ban quản lý chợ thuộc".
 */
export function unitsUnknownParts(dir: UnitDirectory, cell: string): string[] {
  const { tokens, unknown } = unitsRead(dir, cell);
  const parts: string[] = [];
  for (const span of unknown) {
    let first = tokens.findIndex((t) => t.start === span.start);
    let last = tokens.findIndex((t) => t.end === span.end);
    while (first > 0 && !PART_ENDS.has((tokens[first - 1] as Token).key)) first -= 1;
    while (last < tokens.length - 1 && !PART_ENDS.has((tokens[last + 1] as Token).key)) last += 1;
    // Trim separators (parentheses of an aside) at the edges, keeping those inside.
    while (first < last && (tokens[first] as Token).sep && (tokens[first] as Token).key !== '(') first += 1;
    while (last > first && (tokens[last] as Token).sep && (tokens[last] as Token).key !== ')') last -= 1;
    const part = cell.slice((tokens[first] as Token).start, (tokens[last] as Token).end);
    if (!parts.includes(part)) parts.push(part);
  }
  return parts;
}

/**
 * Whether two spellings name the same unit ("Phòng VH-XH" and "Phòng Văn hóa – Xã hội xã").
 * Two names outside the directory, or two group nouns, are the same only when they differ in
 * nothing but diacritics, case, dashes, spacing or a trailing "xã".
 */
export function unitsSame(dir: UnitDirectory, a: string, b: string): boolean {
  const ua = unitFind(dir, a);
  const ub = unitFind(dir, b);
  const spelling = (text: string): string => searchWords(text).join(' ');
  const isGroup = (text: string, unit: Unit | undefined): boolean =>
    unit !== undefined && (unit.scope === 'group' || GROUP_MARKERS.has(spelling(text).split(' ')[0] ?? ''));
  if (ua !== undefined && ub !== undefined && !isGroup(a, ua) && !isGroup(b, ub)) return ua.id === ub.id;
  if ((ua === undefined) !== (ub === undefined)) return false;
  const ka = spelling(a);
  return ka !== '' && ka === spelling(b);
}

/**
 * The units responsible for a row, read from its lead cell: every directory unit it names, except
 * those mentioned in parentheses ("Phòng Văn hóa - Xã hội (phối hợp Trạm Y tế)") and group nouns
 * the directory does not list. A row's `owners` are set from this, and it is who "chủ trì" means
 * in the validators.
 */
export function unitsLeading(dir: UnitDirectory, leadCell: string): string[] {
  const ids = unitsSplit(dir, leadCell).matches.flatMap((m) => (m.aside || m.unitId === null ? [] : [m.unitId]));
  return [...new Set(ids)];
}
