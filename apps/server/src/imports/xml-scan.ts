/**
 * A small, forward-only XML scanner for the parts of Office files (word/document.xml,
 * xl/worksheets/*.xml …): start tags with lazily parsed attributes, end tags and text, in
 * document order, the way a SAX parser reports them. It is safe on hostile input by
 * construction: every step moves forward (linear time), only the five predefined entities and
 * numeric character references are decoded (the domain's `entitiesDecode`, XML dialect; a
 * DOCTYPE — the only way to declare entities — is refused outright: Office never writes one),
 * and nesting depth is capped. Names are reported
 * with the prefix the Office conventions use ("w:tbl", "r:id") whatever prefix the file itself
 * declares for those namespaces, so a file written by another tool with "ns0:" reads the same.
 */
import { entitiesDecode, IMPORT_FAILURE_CODES, type ParseResult, parseFail, parseOk } from '@phuluc/domain';

/** Elements nested deeper than this are refused (Word's own tables nest a few dozen deep at most). */
export const XML_MAX_DEPTH = 256;

/** A start tag: its name and, on demand, its attributes. */
export interface XmlTag {
  /** Qualified name with the conventional prefix ("w:tc"). */
  readonly name: string;
  /** An attribute's decoded value by its conventional qualified name ("w:val", "r:id", "ref"). */
  attr: (name: string) => string | undefined;
}

/** What the scanner reports. Handlers may not keep `tag` beyond the call. */
export interface XmlHandlers {
  open?: (tag: XmlTag, selfClosing: boolean) => void;
  close?: (name: string) => void;
  text?: (text: string) => void;
}

/** Namespace URIs and the prefix Office files conventionally give them. */
const CONVENTIONAL_PREFIXES: ReadonlyMap<string, string> = new Map([
  ['http://schemas.openxmlformats.org/wordprocessingml/2006/main', 'w'],
  ['http://purl.oclc.org/ooxml/wordprocessingml/main', 'w'],
  ['http://schemas.openxmlformats.org/spreadsheetml/2006/main', 'x'],
  ['http://purl.oclc.org/ooxml/spreadsheetml/main', 'x'],
  ['http://schemas.openxmlformats.org/officeDocument/2006/relationships', 'r'],
  ['http://purl.oclc.org/ooxml/officeDocument/relationships', 'r'],
  ['http://schemas.openxmlformats.org/package/2006/relationships', 'rel'],
  ['http://schemas.openxmlformats.org/package/2006/content-types', 'ct'],
  ['http://schemas.openxmlformats.org/markup-compatibility/2006', 'mc'],
  ['http://schemas.openxmlformats.org/drawingml/2006/main', 'a'],
  ['http://www.w3.org/XML/1998/namespace', 'xml'],
]);

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13;
}

/** Prefix → conventional prefix, for the scope of one element and its descendants. */
type PrefixMap = Map<string, string>;

/** Reads `name="value"` pairs of a start tag's attribute text. */
function attributesParse(raw: string): Array<[string, string]> | null {
  const out: Array<[string, string]> = [];
  let i = 0;
  const n = raw.length;
  while (i < n) {
    while (i < n && isSpace(raw.charCodeAt(i))) i += 1;
    if (i >= n) break;
    const nameStart = i;
    while (i < n && raw.charCodeAt(i) !== 61 /* = */ && !isSpace(raw.charCodeAt(i))) i += 1;
    const name = raw.slice(nameStart, i);
    while (i < n && isSpace(raw.charCodeAt(i))) i += 1;
    if (raw.charCodeAt(i) !== 61 || name === '') return null;
    i += 1;
    while (i < n && isSpace(raw.charCodeAt(i))) i += 1;
    const quote = raw.charCodeAt(i);
    if (quote !== 34 && quote !== 39) return null;
    const end = raw.indexOf(quote === 34 ? '"' : "'", i + 1);
    if (end < 0) return null;
    out.push([name, entitiesDecode(raw.slice(i + 1, end), 'xml')]);
    i = end + 1;
  }
  return out;
}

/** `pfx:local` with `pfx` replaced by its conventional prefix (unprefixed: the default namespace's). */
function nameCanonical(name: string, prefixes: PrefixMap, attribute: boolean): string {
  const colon = name.indexOf(':');
  if (colon < 0) {
    // Unprefixed attributes are in no namespace; unprefixed elements in the default one.
    if (attribute) return name;
    const def = prefixes.get('');
    return def ? `${def}:${name}` : name;
  }
  const prefix = name.slice(0, colon);
  const mapped = prefixes.get(prefix);
  return mapped === undefined || mapped === prefix ? name : `${mapped}:${name.slice(colon + 1)}`;
}

class Tag implements XmlTag {
  name = '';
  private raw = '';
  private prefixes: PrefixMap = new Map();
  private parsed: Map<string, string> | null = null;

  reset(name: string, raw: string, prefixes: PrefixMap): void {
    this.name = name;
    this.raw = raw;
    this.prefixes = prefixes;
    this.parsed = null;
  }

  attr(name: string): string | undefined {
    if (!this.parsed) {
      this.parsed = new Map();
      for (const [key, value] of attributesParse(this.raw) ?? []) {
        if (key === 'xmlns' || key.startsWith('xmlns:')) continue;
        this.parsed.set(nameCanonical(key, this.prefixes, true), value);
      }
    }
    return this.parsed.get(name);
  }
}

/** The namespace declarations of a start tag, or null when it has none. */
function prefixesDeclared(raw: string, outer: PrefixMap): PrefixMap | null {
  if (!raw.includes('xmlns')) return null;
  let scope: PrefixMap | null = null;
  for (const [key, value] of attributesParse(raw) ?? []) {
    if (key !== 'xmlns' && !key.startsWith('xmlns:')) continue;
    scope ??= new Map(outer);
    const prefix = key === 'xmlns' ? '' : key.slice(6);
    const conventional = CONVENTIONAL_PREFIXES.get(value);
    if (conventional !== undefined) scope.set(prefix, conventional);
    else if (prefix === '') scope.delete('');
    else scope.set(prefix, prefix);
  }
  return scope;
}

/**
 * Scans `xml`, calling the handlers in document order. Fails on a DOCTYPE, on a tag that is
 * never closed, on mismatched end tags and beyond XML_MAX_DEPTH; text outside the root and
 * comments, processing instructions and the XML declaration are skipped, CDATA is text.
 */
export function xmlScan(xml: string, handlers: XmlHandlers): ParseResult<void> {
  const n = xml.length;
  const stack: string[] = [];
  // Prefix scopes, pushed only by elements that declare namespaces.
  const scopes: Array<{ depth: number; prefixes: PrefixMap }> = [{ depth: -1, prefixes: new Map([['xml', 'xml']]) }];
  const tag = new Tag();
  const malformed = (what: string): ParseResult<void> =>
    parseFail(IMPORT_FAILURE_CODES.xmlMalformed, `Nội dung XML bị hỏng (${what}).`);
  let i = 0;
  while (i < n) {
    const lt = xml.indexOf('<', i);
    const textEnd = lt < 0 ? n : lt;
    if (textEnd > i && stack.length > 0 && handlers.text) {
      handlers.text(entitiesDecode(xml.slice(i, textEnd), 'xml'));
    }
    if (lt < 0) break;
    const next = xml.charCodeAt(lt + 1);
    if (next === 33 /* ! */) {
      if (xml.startsWith('<!--', lt)) {
        const end = xml.indexOf('-->', lt + 4);
        if (end < 0) return malformed('chú thích không đóng');
        i = end + 3;
      } else if (xml.startsWith('<![CDATA[', lt)) {
        const end = xml.indexOf(']]>', lt + 9);
        if (end < 0) return malformed('CDATA không đóng');
        if (stack.length > 0 && handlers.text) handlers.text(xml.slice(lt + 9, end));
        i = end + 3;
      } else if (xml.startsWith('<!DOCTYPE', lt) || xml.startsWith('<!ENTITY', lt)) {
        return parseFail(
          IMPORT_FAILURE_CODES.xmlDoctype,
          'Tệp có khai báo DOCTYPE/ENTITY trong nội dung XML — tệp Word/Excel thật không bao giờ có, nên tệp bị từ chối.',
        );
      } else {
        return malformed('thẻ “<!” lạ');
      }
      continue;
    }
    if (next === 63 /* ? */) {
      const end = xml.indexOf('?>', lt + 2);
      if (end < 0) return malformed('chỉ thị xử lý không đóng');
      i = end + 2;
      continue;
    }
    const gt = tagEndFind(xml, lt + 1);
    if (gt < 0) return malformed('thẻ không đóng');
    if (next === 47 /* / */) {
      const name = xml.slice(lt + 2, gt).trim();
      const open = stack.pop();
      if (open !== name) return malformed(`thẻ đóng </${name}> không khớp`);
      const scope = scopes[scopes.length - 1];
      const prefixes = scope?.prefixes ?? new Map<string, string>();
      handlers.close?.(nameCanonical(name, prefixes, false));
      if (scope && scope.depth === stack.length) scopes.pop();
      i = gt + 1;
      continue;
    }
    const selfClosing = xml.charCodeAt(gt - 1) === 47;
    const inner = xml.slice(lt + 1, selfClosing ? gt - 1 : gt);
    let nameEnd = 0;
    while (nameEnd < inner.length && !isSpace(inner.charCodeAt(nameEnd))) nameEnd += 1;
    const name = inner.slice(0, nameEnd);
    if (name === '') return malformed('thẻ không có tên');
    const raw = inner.slice(nameEnd);
    const outer = (scopes[scopes.length - 1] as { prefixes: PrefixMap }).prefixes;
    const declared = prefixesDeclared(raw, outer);
    const prefixes = declared ?? outer;
    tag.reset(nameCanonical(name, prefixes, false), raw, prefixes);
    if (selfClosing) {
      handlers.open?.(tag, true);
      handlers.close?.(tag.name);
    } else {
      if (stack.length >= XML_MAX_DEPTH) {
        return parseFail(IMPORT_FAILURE_CODES.xmlTooDeep, `Nội dung XML lồng nhau quá sâu (hơn ${XML_MAX_DEPTH} cấp).`);
      }
      if (declared) scopes.push({ depth: stack.length, prefixes: declared });
      stack.push(name);
      handlers.open?.(tag, false);
    }
    i = gt + 1;
  }
  if (stack.length > 0) return malformed(`thẻ <${stack[stack.length - 1]}> không đóng`);
  return parseOk(undefined);
}

/** The ">" ending the tag that starts at `from`, skipping quoted attribute values; -1 if none. */
function tagEndFind(xml: string, from: number): number {
  let quote = 0;
  for (let i = from; i < xml.length; i += 1) {
    const c = xml.charCodeAt(i);
    if (quote !== 0) {
      if (c === quote) quote = 0;
    } else if (c === 34 || c === 39) {
      quote = c;
    } else if (c === 62) {
      return i;
    } else if (c === 60) {
      return -1;
    }
  }
  return -1;
}

/**
 * The text of an XML part: UTF-8 unless it starts with a UTF-16 byte order mark or declares
 * UTF-16 (Office writes UTF-8; some tools write UTF-16).
 */
export function xmlDecode(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  // "<?" in UTF-16LE without a BOM.
  if (bytes[0] === 0x3c && bytes[1] === 0x00) return new TextDecoder('utf-16le').decode(bytes);
  return new TextDecoder('utf-8').decode(bytes).replace(/^\uFEFF/, '');
}
