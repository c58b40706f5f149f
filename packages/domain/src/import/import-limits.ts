/** How much one import reads, whatever the format (re-exported by table-import.ts). */

/** The largest file imported (bytes): an upload (the web app checks it before sending), a file on the command line. */
export const IMPORT_MAX_FILE_BYTES = 10 * 1024 * 1024;

/** The longest text read (characters): a large Word table's clipboard HTML is a few MB. */
export const IMPORT_MAX_CHARS = 16_000_000;
/** The most rows and columns a table may have. */
export const IMPORT_MAX_ROWS = 50_000;
export const IMPORT_MAX_COLUMNS = 200;
