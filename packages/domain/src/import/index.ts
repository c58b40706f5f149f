/** Importing appendix tables from pasted or uploaded TSV, CSV and clipboard HTML. */
export * from './cell-text.ts';
export * from './csv-guard.ts';
export * from './delimited.ts';
export * from './entities.ts';
export * from './header.ts';
export * from './heading.ts';
export * from './html-table.ts';
export * from './table-import.ts';
export * from './table-json.ts';
