/** Rhythms of a recurring task as written in a "Tần suất" cell: reading and describing them. */
import type { Frequency } from './model.ts';
import { FREQUENCIES } from './model.ts';
import type { Line, Token } from './tokens.ts';
import { lineCore } from './tokens.ts';

/** What a cell says as rhythms, and how sure the reading is that it is a rhythm at all. */
export interface FrequencyRead {
  frequencies: Frequency[];
  continuous: boolean;
  items: number;
  /** Some item had a word that makes it a rhythm ("hàng", "định kỳ"), not a bare "Quý". */
  marked: boolean;
}

const FREQUENCY_UNITS: Record<string, Frequency> = {
  ngay: 'daily',
  tuan: 'weekly',
  thang: 'monthly',
  quy: 'quarterly',
  nam: 'yearly',
};

const FREQUENCY_SEPARATORS = new Set(['/', ',', ';', '-', '&', '+', '\n', 'va', 'hoac']);

/** Reads "Hàng tuần/Hàng tháng", "Tháng/Quý/Năm", "Định kỳ và đột xuất", "01 lần/tuần"… or null. */
export function frequencyRead(lines: Line[]): FrequencyRead | null {
  const tokens: Token[] = [];
  for (const line of lines) {
    const { from, to } = lineCore(line);
    if (tokens.length > 0) tokens.push({ kind: 'sym', key: '\n', text: '\n', start: 0, end: 0, spaced: true });
    tokens.push(...line.tokens.slice(from, to));
  }
  let p = 0;
  const key = (offset = 0): string | undefined => tokens[p + offset]?.key;
  const take = (...keys: string[]): boolean => {
    if (keys.every((k, i) => key(i) === k)) {
      p += keys.length;
      return true;
    }
    return false;
  };
  const unit = (): Frequency | undefined => {
    const t = tokens[p];
    const f = t?.kind === 'word' ? FREQUENCY_UNITS[t.key] : undefined;
    if (f) p += 1;
    return f;
  };
  const isSix = (t: Token | undefined): boolean => (t?.kind === 'num' && Number(t.key) === 6) || t?.key === 'sau';
  const found = new Set<Frequency>();
  let continuous = false;
  let marked = false;
  let items = 0;
  while (p < tokens.length) {
    if (items > 0) {
      let seps = 0;
      while (FREQUENCY_SEPARATORS.has(key() ?? '')) {
        p += 1;
        seps += 1;
      }
      if (seps === 0) return null;
    }
    items += 1;
    const prefixed = take('hang') || take('moi') || take('theo');
    marked ||= prefixed;
    if (take('dinh', 'ky')) {
      marked = true;
      take('hang');
      const f = unit();
      found.add(f ?? 'periodic');
    } else if (take('dot', 'xuat')) {
      marked = true;
      found.add('adHoc');
    } else if (!prefixed && (take('thuong', 'xuyen') || take('lien', 'tuc'))) {
      marked = true;
      continuous = true;
    } else if (take('nua', 'nam') || (isSix(tokens[p]) && key(1) === 'thang')) {
      // "6 tháng", "6 tháng/lần", "6 tháng một lần", "nửa năm".
      if (key() !== 'nam') p += 2;
      marked = true;
      if (!take('/', 'lan') && !take('mot', 'lan') && !take('1', 'lan') && !take('01', 'lan')) take('lan');
      found.add('halfYearly');
    } else if (tokens[p]?.kind === 'num' && key(1) === 'lan') {
      // "01 lần/tuần", "2 lần mỗi tháng".
      p += 2;
      if (!take('/') && !take('moi') && !take('trong')) return null;
      take('mot');
      const f = unit();
      if (!f) return null;
      marked = true;
      found.add(f);
    } else {
      const f = unit();
      if (!f) return null;
      found.add(f);
    }
  }
  if (items === 0) return null;
  return { frequencies: FREQUENCIES.filter((f) => found.has(f)), continuous, items, marked };
}

const FREQUENCY_LABELS: Record<Frequency, string> = {
  daily: 'hàng ngày',
  weekly: 'hàng tuần',
  monthly: 'hàng tháng',
  quarterly: 'hàng quý',
  halfYearly: '6 tháng/lần',
  yearly: 'hàng năm',
  periodic: 'định kỳ',
  adHoc: 'đột xuất',
};

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** "Hàng tuần, hàng tháng"; an empty list (no fixed rhythm) is "Thường xuyên". */
export function frequencyDescribe(frequencies: readonly Frequency[]): string {
  if (frequencies.length === 0) return 'Thường xuyên';
  return capitalize(frequencies.map((f) => FREQUENCY_LABELS[f]).join(', '));
}
