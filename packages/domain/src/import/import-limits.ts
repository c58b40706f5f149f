/** How much one import reads, whatever the format (re-exported by table-import.ts). */

/** The longest text read (characters): a large Word table's clipboard HTML is a few MB. */
export const IMPORT_MAX_CHARS = 16_000_000;
/** The most rows and columns a table may have. */
export const IMPORT_MAX_ROWS = 50_000;
export const IMPORT_MAX_COLUMNS = 200;
