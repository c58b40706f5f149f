/**
 * Test-only: small plan documents for the grid's tests, built with the domain's own writers.
 */
import * as Y from 'yjs';
import { TEMPLATES, planDocCreate, planDocImportTable, templateColumnsForYear, templateTitleForYear } from '@phuluc/domain';
import type { Actor, RowModel, TemplateId } from '@phuluc/domain';

export const COORDINATOR: Actor = { userId: 'u-vhxh', role: 'coordinator', unitId: 'phong-van-hoa-xa-hoi' };
export const KINH_TE: Actor = { userId: 'u-kt', role: 'editor', unitId: 'phong-kinh-te' };
export const VAN_PHONG: Actor = { userId: 'u-vp', role: 'editor', unitId: 'van-phong-hdnd-va-ubnd-xa' };
export const REVIEWER: Actor = { userId: 'u-ld', role: 'reviewer', unitId: null };

export const KT = 'phong-kinh-te';
export const VP = 'van-phong-hdnd-va-ubnd-xa';

/** A plan with one table of `template` holding `rows`; returns the doc and the table id. */
export function testDoc(rows: RowModel[], template: TemplateId = 'tasks-basic'): { doc: Y.Doc; tableId: string } {
  const doc = planDocCreate({ commune: 'Tân Kỳ', province: 'Nghệ An', year: 2026, title: 'Kế hoạch', planNumber: '', issuedOn: '' });
  const tableId = planDocImportTable(doc, {
    title: templateTitleForYear(template, 2026),
    template,
    numbering: { ...TEMPLATES[template].numbering },
    numberWidth: TEMPLATES[template].numberWidth,
    columns: templateColumnsForYear(template, 2026),
    rows,
  });
  return { doc, tableId };
}

/** An item row of the tasks-basic layout. */
export function task(text: string, owners: string[] = [], more: Record<string, string> = {}): RowModel {
  return { kind: 'item', owners, cells: { task: text, lead: '', cooperating: '', timeframe: 'Quý II/2026', ...more } };
}

export function section(label: string): RowModel {
  return { kind: 'section', label };
}

/** Keeps two documents in sync both ways (as the server relays updates). */
export function testDocsLink(a: Y.Doc, b: Y.Doc): void {
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
  a.on('update', (update: Uint8Array, origin: unknown) => {
    if (origin !== 'remote') Y.applyUpdate(b, update, 'remote');
  });
  b.on('update', (update: Uint8Array, origin: unknown) => {
    if (origin !== 'remote') Y.applyUpdate(a, update, 'remote');
  });
}
