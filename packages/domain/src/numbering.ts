/**
 * Computed numbers: section labels (I, II … or A, B …) and STT, per the table's numbering.
 * They are derived from row order every time and never stored.
 */
import type { ItemNumbering, SectionNumbering } from './templates.ts';

const ROMAN: ReadonlyArray<[number, string]> = [
  [1000, 'M'], [900, 'CM'], [500, 'D'], [400, 'CD'], [100, 'C'], [90, 'XC'],
  [50, 'L'], [40, 'XL'], [10, 'X'], [9, 'IX'], [5, 'V'], [4, 'IV'], [1, 'I'],
];

/** 1 → "I", 4 → "IV", 14 → "XIV". */
export function numberingRoman(n: number): string {
  let rest = n;
  let out = '';
  for (const [value, letters] of ROMAN) {
    while (rest >= value) {
      out += letters;
      rest -= value;
    }
  }
  return out;
}

/** 1 → "A", 26 → "Z", 27 → "AA". */
export function numberingAlpha(n: number): string {
  let rest = n;
  let out = '';
  while (rest > 0) {
    const d = (rest - 1) % 26;
    out = String.fromCharCode(65 + d) + out;
    rest = Math.floor((rest - 1) / 26);
  }
  return out;
}

/** The label of the n-th section (1-based). */
export function numberingSection(n: number, style: SectionNumbering): string {
  switch (style) {
    case 'roman':
      return numberingRoman(n);
    case 'alpha':
      return numberingAlpha(n);
  }
}

/**
 * Numbers for rows in order: a section gets its label, an item its STT ("" when the table is
 * not numbered). Items restart at 1 after each section when `items` is "restart".
 */
export function numberingCompute(
  kinds: ReadonlyArray<'section' | 'item'>,
  style: { items: ItemNumbering; sections: SectionNumbering },
): string[] {
  let section = 0;
  let item = 0;
  return kinds.map((kind) => {
    if (kind === 'section') {
      section += 1;
      if (style.items === 'restart') item = 0;
      return numberingSection(section, style.sections);
    }
    if (style.items === 'none') return '';
    item += 1;
    return String(item);
  });
}

/** "II.3": how people cite a row (section label and STT), or the STT alone before any section. */
export function numberingCite(section: string | null, item: string): string {
  return section ? `${section}.${item}` : item;
}
