/**
 * The plain, typed shape of one appendix table: what `planDocReadTable` reads out of the Yjs
 * document, what importers produce, what validators and exporters consume, and the JSON export.
 */
import { z } from 'zod';
import { TEMPLATE_IDS } from './templates.ts';

export const columnSchema = z.object({
  /** A `FieldKey`, or `custom:<slug>` for a column that is not a known field. */
  field: z.string().min(1),
  label: z.string(),
  /** Millimetres on an A4 landscape page. */
  width: z.number().positive(),
});
export type Column = z.infer<typeof columnSchema>;

export const numberingSchema = z.object({
  items: z.enum(['restart', 'continuous', 'none']),
  sections: z.enum(['roman', 'alpha']),
  label: z.string().nullable(),
});

export const sectionRowSchema = z.object({
  id: z.string().optional(),
  kind: z.literal('section'),
  /** Computed section number ("I", "B"); never stored in the document. */
  number: z.string().optional(),
  /** The section's title without its number ("CHÍNH QUYỀN SỐ"). */
  label: z.string(),
});
export type SectionRow = z.infer<typeof sectionRowSchema>;

export const itemRowSchema = z.object({
  id: z.string().optional(),
  kind: z.literal('item'),
  /** Computed STT ("3"); never stored in the document. */
  number: z.string().optional(),
  /** Unit ids that may edit the row. */
  owners: z.array(z.string()).optional(),
  /** Cell text by column field; a missing field reads as "". */
  cells: z.record(z.string(), z.string()),
  /** The year of the plan the row was carried over from ("2026"); written only by the server. */
  carriedFrom: z.string().optional(),
});
export type ItemRow = z.infer<typeof itemRowSchema>;

export const rowModelSchema = z.discriminatedUnion('kind', [sectionRowSchema, itemRowSchema]);
export type RowModel = z.infer<typeof rowModelSchema>;

export const tableModelSchema = z.object({
  id: z.string().optional(),
  title: z.string(),
  template: z.enum(TEMPLATE_IDS),
  numbering: numberingSchema,
  /** Width of the computed number column in millimetres (0 when there is none). */
  numberWidth: z.number().nonnegative().optional(),
  columns: z.array(columnSchema),
  rows: z.array(rowModelSchema),
});
export type TableModel = z.infer<typeof tableModelSchema>;

/** The text of a cell, "" when the row has none for that field. */
export function itemRowCell(row: ItemRow, field: string): string {
  return row.cells[field] ?? '';
}
