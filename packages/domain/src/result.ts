/**
 * What a parser returns: a typed value, or the reason it could not read the text.
 * `reason` is Vietnamese (it is shown to clerks); `code` is stable for code and tests.
 */
export type ParseResult<T> =
  | { ok: true; value: T }
  | { ok: false; code: string; reason: string };

/** A successful parse. */
export function parseOk<T>(value: T): ParseResult<T> {
  return { ok: true, value };
}

/** A failed parse with a stable code and a Vietnamese reason. */
export function parseFail<T = never>(code: string, reason: string): ParseResult<T> {
  return { ok: false, code, reason };
}
