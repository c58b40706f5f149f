/**
 * What a parser returns: a typed value, or the reason it could not read the text.
 * `reason` is Vietnamese (it is shown to clerks); `code` is stable for code and tests, one of
 * the parsers' code tables (`ParseCode`).
 */
import type { IMPORT_FAILURE_CODES } from './import/import-codes.ts';
import type { MEASURE_UNIT_PARSE_CODES } from './measure-unit.ts';
import type { NUMBER_PARSE_CODES } from './number.ts';
import type { PERIOD_PARSE_CODES } from './period/model.ts';
import type { TARGET_PARSE_CODES } from './target.ts';
import type { UNITS_PARSE_CODES } from './units.ts';

type CodeOf<Table> = Table[keyof Table];

/** Every code a failed parse may carry: the values of the parsers' code tables, each defined once. */
export type ParseCode =
  | CodeOf<typeof NUMBER_PARSE_CODES>
  | CodeOf<typeof PERIOD_PARSE_CODES>
  | CodeOf<typeof TARGET_PARSE_CODES>
  | CodeOf<typeof MEASURE_UNIT_PARSE_CODES>
  | CodeOf<typeof UNITS_PARSE_CODES>
  | CodeOf<typeof IMPORT_FAILURE_CODES>;

export type ParseResult<T> =
  | { ok: true; value: T }
  | { ok: false; code: ParseCode; reason: string };

/** A successful parse. */
export function parseOk<T>(value: T): ParseResult<T> {
  return { ok: true, value };
}

/** A failed parse with a stable code and a Vietnamese reason. */
export function parseFail<T = never>(code: ParseCode, reason: string): ParseResult<T> {
  return { ok: false, code, reason };
}
