/**
 * Text helpers for Vietnamese as people type it: with or without diacritics, any dash,
 * any case, stray spaces. Everything that compares labels or names goes through here.
 */

const DASHES = /[\u2010-\u2015\u2212\uFE58\uFE63\uFF0D]/g;

/** Replaces every dash-like character (en dash, em dash, minus, …) with "-". */
export function textDashesToHyphen(text: string): string {
  return text.replace(DASHES, '-');
}

/** NFC, dashes unified, non-breaking spaces and runs of white space collapsed, trimmed. */
export function textTidy(text: string): string {
  return textDashesToHyphen(text.normalize('NFC'))
    .replace(/[\u00A0\u2007\u202F\t ]+/g, ' ')
    .trim();
}

/** Strips Vietnamese diacritics ("Phòng Văn hóa" → "Phong Van hoa"); "đ"/"Đ" become "d"/"D". */
export function textFoldDiacritics(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .normalize('NFC');
}

/**
 * The key two spellings of one name share: diacritics folded, lower case, dashes and
 * spacing unified ("Phòng VH – XH" and "phong vh-xh" both give "phong vh-xh").
 */
export function textKey(text: string): string {
  return textFoldDiacritics(textTidy(text))
    .toLowerCase()
    .replace(/\s*-\s*/g, '-')
    .replace(/\s*\/\s*/g, '/')
    .replace(/\s+/g, ' ')
    .trim();
}

/** A URL- and id-safe slug ("Phòng Văn hóa - Xã hội" → "phong-van-hoa-xa-hoi"). */
export function textSlug(text: string): string {
  return textFoldDiacritics(text)
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}
