/**
 * Character references — `&amp;`, `&ndash;`, `&#7879;`, `&#x1ED1;` — decoded by one decoder in
 * the two dialects the import readers meet. HTML (Word's and Excel's clipboard HTML, saved .htm
 * files): the named references Office and browsers use, a few old ones without their ";"
 * ("&nbsp"), and numeric references 128–159 read as Windows-1252, as browsers read them. XML (the
 * parts of .docx and .xlsx files): only the five predefined names and numeric references, each
 * ending in ";" (a DOCTYPE, the only way to declare more, is refused by the XML scanner). In both,
 * an unknown or malformed reference stays as written and an impossible code point becomes U+FFFD.
 */

/** Which rules a text's references follow. */
export type EntityDialect = 'html' | 'xml';

// Latin-1 letters 0xC0–0xFF by their entity names, in code point order.
const LATIN1_NAMES =
  'Agrave Aacute Acirc Atilde Auml Aring AElig Ccedil Egrave Eacute Ecirc Euml Igrave Iacute Icirc Iuml ' +
  'ETH Ntilde Ograve Oacute Ocirc Otilde Ouml times Oslash Ugrave Uacute Ucirc Uuml Yacute THORN szlig ' +
  'agrave aacute acirc atilde auml aring aelig ccedil egrave eacute ecirc euml igrave iacute icirc iuml ' +
  'eth ntilde ograve oacute ocirc otilde ouml divide oslash ugrave uacute ucirc uuml yacute thorn yuml';

/** The names XML predefines. */
const XML_NAMES: ReadonlyMap<string, string> = new Map(Object.entries({ amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }));

const HTML_NAMES: ReadonlyMap<string, string> = (() => {
  const map = new Map<string, string>(XML_NAMES);
  for (const [name, text] of Object.entries({
    nbsp: '\u00A0', ndash: '\u2013', mdash: '\u2014', minus: '\u2212', hellip: '\u2026', bull: '\u2022', middot: '\u00B7',
    lsquo: '\u2018', rsquo: '\u2019', sbquo: '\u201A', ldquo: '\u201C', rdquo: '\u201D', bdquo: '\u201E',
    laquo: '\u00AB', raquo: '\u00BB', lsaquo: '\u2039', rsaquo: '\u203A', prime: '\u2032', Prime: '\u2033',
    ge: '\u2265', le: '\u2264', ne: '\u2260', asymp: '\u2248', plusmn: '\u00B1', infin: '\u221E',
    deg: '\u00B0', micro: '\u00B5', permil: '\u2030', frac12: '\u00BD', frac14: '\u00BC', frac34: '\u00BE',
    sup1: '\u00B9', sup2: '\u00B2', sup3: '\u00B3', copy: '\u00A9', reg: '\u00AE', trade: '\u2122',
    euro: '\u20AC', cent: '\u00A2', pound: '\u00A3', yen: '\u00A5', sect: '\u00A7', para: '\u00B6',
    iexcl: '\u00A1', iquest: '\u00BF', not: '\u00AC', ordf: '\u00AA', ordm: '\u00BA', acute: '\u00B4',
    cedil: '\u00B8', uml: '\u00A8', macr: '\u00AF', brvbar: '\u00A6', curren: '\u00A4',
    dagger: '\u2020', Dagger: '\u2021', larr: '\u2190', rarr: '\u2192', uarr: '\u2191', darr: '\u2193',
    harr: '\u2194', lArr: '\u21D0', rArr: '\u21D2', hArr: '\u21D4', radic: '\u221A', sum: '\u2211',
    shy: '\u00AD', zwnj: '\u200C', zwj: '\u200D', lrm: '\u200E', rlm: '\u200F',
    ensp: '\u2002', emsp: '\u2003', thinsp: '\u2009', OElig: '\u0152', oelig: '\u0153',
    Scaron: '\u0160', scaron: '\u0161', Yuml: '\u0178', fnof: '\u0192', circ: '\u02C6', tilde: '\u02DC',
  })) {
    map.set(name, text);
  }
  LATIN1_NAMES.split(' ').forEach((name, k) => map.set(name, String.fromCharCode(0xc0 + k)));
  return map;
})();

/** References a browser also reads without the closing ";" ("&nbsp" in old HTML). */
const HTML_NAMES_LEGACY: ReadonlySet<string> = new Set(['nbsp', 'amp', 'lt', 'gt', 'quot', 'copy', 'reg']);

/** What numeric references 0x80–0x9F mean in HTML: Windows-1252, as browsers read them. */
const CP1252: ReadonlyMap<number, number> = new Map([
  [0x80, 0x20ac], [0x82, 0x201a], [0x83, 0x0192], [0x84, 0x201e], [0x85, 0x2026], [0x86, 0x2020],
  [0x87, 0x2021], [0x88, 0x02c6], [0x89, 0x2030], [0x8a, 0x0160], [0x8b, 0x2039], [0x8c, 0x0152],
  [0x8e, 0x017d], [0x91, 0x2018], [0x92, 0x2019], [0x93, 0x201c], [0x94, 0x201d], [0x95, 0x2022],
  [0x96, 0x2013], [0x97, 0x2014], [0x98, 0x02dc], [0x99, 0x2122], [0x9a, 0x0161], [0x9b, 0x203a],
  [0x9c, 0x0153], [0x9e, 0x017e], [0x9f, 0x0178],
]);

function isAsciiAlnum(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function isHexDigit(c: number): boolean {
  return isDigit(c) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);
}

function codePointText(code: number, dialect: EntityDialect): string {
  const mapped = dialect === 'html' ? (CP1252.get(code) ?? code) : code;
  if (mapped === 0 || mapped > 0x10ffff || (mapped >= 0xd800 && mapped <= 0xdfff)) return '\uFFFD';
  return String.fromCodePoint(mapped);
}

/** Decodes the character references of `text` by the rules of `dialect` (see the module comment). */
export function entitiesDecode(text: string, dialect: EntityDialect): string {
  let amp = text.indexOf('&');
  if (amp < 0) return text;
  const names = dialect === 'html' ? HTML_NAMES : XML_NAMES;
  const out: string[] = [];
  let from = 0;
  while (amp >= 0) {
    let j = amp + 1;
    let decoded: string | null = null;
    if (text.charCodeAt(j) === 35 /* # */) {
      j += 1;
      const hex = text.charCodeAt(j) === 120 || text.charCodeAt(j) === 88; // x X
      if (hex) j += 1;
      const start = j;
      const digit = hex ? isHexDigit : isDigit;
      while (j < text.length && j - start < 8 && digit(text.charCodeAt(j))) j += 1;
      const closed = text.charCodeAt(j) === 59; /* ; */
      if (j > start && (closed || dialect === 'html')) {
        decoded = codePointText(parseInt(text.slice(start, j), hex ? 16 : 10), dialect);
        if (closed) j += 1;
      }
    } else {
      const start = j;
      while (j < text.length && j - start < 32 && isAsciiAlnum(text.charCodeAt(j))) j += 1;
      const name = text.slice(start, j);
      if (text.charCodeAt(j) === 59 && names.has(name)) {
        decoded = names.get(name) ?? null;
        j += 1;
      } else if (dialect === 'html' && HTML_NAMES_LEGACY.has(name)) {
        decoded = names.get(name) ?? null;
      }
    }
    if (decoded === null) {
      // Left as written: it stays in the text copied from `from` on.
      amp = text.indexOf('&', amp + 1);
      continue;
    }
    out.push(text.slice(from, amp), decoded);
    from = j;
    amp = text.indexOf('&', from);
  }
  out.push(text.slice(from));
  return out.join('');
}

/** `entitiesDecode(text, 'html')`: the text of clipboard HTML. */
export function htmlEntitiesDecode(text: string): string {
  return entitiesDecode(text, 'html');
}
