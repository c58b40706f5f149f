/**
 * The contracts of importing a table into an existing plan:
 *
 *   POST /api/plans/:planId/tables?preview=1   → `importPreviewSchema` (writes nothing)
 *   POST /api/plans/:planId/tables             → 201 `importCommittedSchema`
 *
 * The body is a multipart form with a `file` (and `mapping` as a JSON string), or JSON with the
 * `text` of a table; both are checked by `importBodySchema`.
 */
import { z } from 'zod';
import { IMPORT_HEADING_META_KEYS } from '../import/heading.ts';
import { IMPORT_NOTE_CODES, type ImportNoteCode } from '../import/import-codes.ts';
import type { ImportFormat } from '../import/table-import.ts';
import { tableModelSchema } from '../table-model.ts';
import { findingSchema, tableCountedSchema } from './values.ts';

/** The text formats a pasted or posted table may be in. */
export const IMPORT_TEXT_FORMATS = ['tsv', 'csv', 'html', 'json'] as const satisfies readonly ImportFormat[];

/** The formats an uploaded file is read as (recognised by content). */
export const IMPORT_FILE_FORMATS = ['docx', 'xlsx', ...IMPORT_TEXT_FORMATS] as const;
export type ImportFileFormat = (typeof IMPORT_FILE_FORMATS)[number];

/** The field of a column mapping that leaves the column out of the imported table. */
export const IMPORT_MAPPING_IGNORE = 'ignore';

/** One correction of the column mapping: the column at `index` becomes `field` (or `ignore`). */
export const importMappingChangeSchema = z.object({ index: z.number().int().min(0).max(1000), field: z.string().min(1).max(100) });

/** The import's body (the form's fields, or the JSON). */
export const importBodySchema = z.object({
  text: z.string().min(1).optional(),
  format: z.enum(IMPORT_TEXT_FORMATS).optional(),
  mapping: z.array(importMappingChangeSchema).max(1000).optional(),
  /** Which appendix table of a file with several (0-based). */
  table: z.coerce.number().int().min(0).max(1000).optional(),
  title: z.string().trim().min(1).max(300).optional(),
});
/** The Vietnamese names of its fields, for validation messages. */
export const IMPORT_BODY_LABELS = { text: 'Nội dung bảng', format: 'Định dạng', mapping: 'Ghép cột', table: 'Bảng', title: 'Tên bảng' } as const;

const IMPORT_NOTE_CODE_LIST = Object.values(IMPORT_NOTE_CODES) as [ImportNoteCode, ...ImportNoteCode[]];

/** A note of the importer about what it dropped or assumed. */
export const importNoteSchema = z.object({ code: z.enum(IMPORT_NOTE_CODE_LIST), line: z.number().nullable(), message: z.string() });

/** One column of the imported table as the importer read it: position, header in the file, field (a key, `custom:…` or `ignore`). */
export const importMappingEntrySchema = z.object({ index: z.number().int(), label: z.string(), field: z.string() });
export type ImportMappingEntry = z.infer<typeof importMappingEntrySchema>;

/** What the heading above the table says (`ImportHeading`); '' for what it does not say. */
export const importHeadingSchema = z.object({ title: z.string(), planNumber: z.string(), issuedOn: z.string(), commune: z.string() });

/** The plan's values its exports print, as they will be once the import is written. */
export const importPlanMetaSchema = z.object({ year: z.number(), commune: z.string(), planNumber: z.string(), issuedOn: z.string() });

/** The preview's answer: the table as it would be imported, what the validators say, and the choices. */
export const importPreviewSchema = z.object({
  table: tableModelSchema,
  heading: importHeadingSchema,
  /** The plan's meta after the import: its own values, blanks filled from `heading` (`importHeadingMetaPatch`). */
  planMeta: importPlanMetaSchema,
  /** The keys of `planMeta` the import fills in from the file. */
  metaFilled: z.array(z.enum(IMPORT_HEADING_META_KEYS)),
  notes: z.array(importNoteSchema),
  findings: z.array(findingSchema.pick({ code: true, severity: true, row: true, field: true, message: true })),
  mapping: z.array(importMappingEntrySchema),
  format: z.enum(IMPORT_FILE_FORMATS),
  /** The appendix tables of the file, to choose from. */
  choices: z.array(z.object({ index: z.number().int(), label: z.string(), rows: z.number().int() })),
  chosen: z.number().int(),
  ignore: z.literal(IMPORT_MAPPING_IGNORE),
});
export type ImportPreview = z.infer<typeof importPreviewSchema>;

/** The import's answer: the new table of the plan. */
export const importCommittedSchema = z.object({
  tableId: z.string(),
  table: tableCountedSchema,
  notes: z.array(importNoteSchema),
  /** The keys of the plan's meta the import filled in from the file's heading. */
  metaFilled: z.array(z.enum(IMPORT_HEADING_META_KEYS)),
});
export type ImportCommitted = z.infer<typeof importCommittedSchema>;
