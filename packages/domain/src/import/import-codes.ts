/**
 * The stable codes of importing, defined once for every reader — the pasted text and the
 * clipboard HTML here, the uploaded DOCX / XLSX files on the server: why an import fails (the
 * `code` of a failed ParseResult) and what a note about an import is about.
 */

/** Why an import fails. */
export const IMPORT_FAILURE_CODES = {
  tooLarge: 'import.tooLarge',
  empty: 'import.empty',
  noTable: 'import.noTable',
  noHeader: 'import.noHeader',
  invalid: 'import.invalid',
  /** The file is of a kind no reader takes (an old .doc/.xls, a password-protected file…). */
  unsupported: 'import.unsupported',
  notZip: 'import.notZip',
  zipBomb: 'import.zipBomb',
  zipCorrupt: 'import.zipCorrupt',
  encrypted: 'import.encrypted',
  macros: 'import.macros',
  xmlTooLarge: 'import.xmlTooLarge',
  xmlInvalid: 'import.xmlInvalid',
  /** An XML part declares a DOCTYPE (the only way to declare entities). */
  xmlDoctype: 'xml.doctype',
  xmlMalformed: 'xml.malformed',
  xmlTooDeep: 'xml.tooDeep',
  /** The clerk's column mapping cannot be applied. */
  mappingInvalid: 'mapping.invalid',
} as const;
export type ImportFailureCode = (typeof IMPORT_FAILURE_CODES)[keyof typeof IMPORT_FAILURE_CODES];

/** What a note about an import is about. */
export const IMPORT_NOTE_CODES = {
  format: 'import.format',
  beforeHeader: 'import.beforeHeader',
  repeatedHeader: 'import.repeatedHeader',
  /** A header of two rows (merged cells over sub-headers) read as one label per column. */
  stackedHeader: 'import.stackedHeader',
  blankRow: 'import.blankRow',
  pageArtifact: 'import.pageArtifact',
  columnNumbers: 'import.columnNumbers',
  /** A computed row ("Tổng cộng" and its sums): computed again on export, never an item. */
  totalRow: 'import.totalRow',
  emptyItem: 'import.emptyItem',
  extraCells: 'import.extraCells',
  sectionExtra: 'import.sectionExtra',
  sectionAssumed: 'import.sectionAssumed',
  numberText: 'import.numberText',
  customColumn: 'import.customColumn',
  untitledColumn: 'import.untitledColumn',
  tooManyColumns: 'import.tooManyColumns',
  template: 'import.template',
  numbering: 'import.numbering',
  titleWithoutYear: 'import.titleWithoutYear',
  /** What the heading above the table says: its title, the plan's number, date and commune. */
  heading: 'import.heading',
} as const;
export type ImportNoteCode = (typeof IMPORT_NOTE_CODES)[keyof typeof IMPORT_NOTE_CODES];
