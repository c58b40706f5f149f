/**
 * The strings of the web UI, in Vietnamese (default) and English, and the translator `t`.
 *
 * The strings live one file per language and feature: vi/app.ts, vi/grid.ts, … and their twins
 * en/app.ts, en/grid.ts, … (`app.*` the shell, `grid.*` the grid, `editor.*` the cell editors,
 * `version.*` named versions, `import.*` imports, `review.*` the review, `export.*` exports,
 * `kept.*` text kept after a refused write). Add a key to the feature's Vietnamese file and to
 * its English twin: each English file is typed against its Vietnamese one, so a key missing in
 * English is a type error. A key starts with its feature's prefix (strings.test.ts checks it).
 *
 * Parameters: `{name}` in a string is replaced by `params.name`.
 */
import { useSyncExternalStore } from 'react';
import { en } from './en/index.ts';
import { vi } from './vi/index.ts';

export const LANGS = ['vi', 'en'] as const;
export type Lang = (typeof LANGS)[number];

export type StringKey = keyof typeof vi;

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
