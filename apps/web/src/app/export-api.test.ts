import { planDocCreate, planDocImportTable, tableImportText, unitDirectoryDefault } from '@phuluc/domain';
import { describe, expect, it } from 'vitest';
import { contentDispositionFileName, exportMenuChoices, exportTableErrors, exportUrl } from './export-api.ts';

describe('export downloads', () => {
  it('name the file from the UTF-8 filename* first, then the plain filename', () => {
    const header = `attachment; filename="Phu luc - Tan Thanh.docx"; filename*=UTF-8''Ph%E1%BB%A5%20l%E1%BB%A5c%20-%20T%C3%A2n%20Thanh.docx`;
    expect(contentDispositionFileName(header, 'x')).toBe('Phụ lục - Tân Thanh.docx');
    expect(contentDispositionFileName('attachment; filename="Phu luc.pdf"', 'x')).toBe('Phu luc.pdf');
    expect(contentDispositionFileName(`attachment; filename*=UTF-8''%E0%A4%A.pdf; filename=b.pdf`, 'x')).toBe('b.pdf');
    expect(contentDispositionFileName(null, 'phu-luc.csv')).toBe('phu-luc.csv');
  });

  it('ask for a draft only when the clerk chose one', () => {
    expect(exportUrl('p 1', 't/2', 'docx', false)).toBe('/api/plans/p%201/tables/t%2F2/export?format=docx');
    expect(exportUrl('p', 't', 'pdf', true)).toBe('/api/plans/p/tables/t/export?format=pdf&draft=1');
  });
});

describe('the export menu', () => {
  const enabled = (choices: ReturnType<typeof exportMenuChoices>) => choices.filter((c) => c.enabled).map((c) => c.format);

  it('offers Word and PDF as the official appendix and Excel, CSV and JSON as data', () => {
    const choices = exportMenuChoices({ hasErrors: false, draft: false });
    expect(choices.filter((c) => c.official).map((c) => c.format)).toEqual(['docx', 'pdf']);
    expect(choices.filter((c) => !c.official).map((c) => c.format)).toEqual(['xlsx', 'csv', 'json']);
    expect(enabled(choices)).toEqual(['docx', 'xlsx', 'pdf', 'csv', 'json']);
    expect(choices.some((c) => c.draft)).toBe(false);
  });

  it('keeps the data exports enabled while the table has errors, and the official ones only as drafts', () => {
    const final = exportMenuChoices({ hasErrors: true, draft: false });
    expect(enabled(final)).toEqual(['xlsx', 'csv', 'json']);
    expect(final.filter((c) => c.enabled).every((c) => c.draft)).toBe(true);
    expect(enabled(exportMenuChoices({ hasErrors: true, draft: true }))).toEqual(['docx', 'xlsx', 'pdf', 'csv', 'json']);
  });

  it('finds the errors the server will find in the open table', () => {
    const doc = planDocCreate({ commune: 'Tân Thanh', province: 'Đồng Nai', year: 2026, title: 'Kế hoạch', planNumber: '', issuedOn: '' });
    const imported = tableImportText(
      'STT\tNội dung công việc\tĐơn vị chủ trì\tĐơn vị phối hợp\tThời hạn\n1\tBan hành Quy tắc ứng xử số\tPhòng Văn hóa - Xã hội\t\tNăm 2026\n2\tSố hóa hồ sơ\tPhòng Văn hóa - Xã hội\t\t\n',
    );
    if (!imported.ok) throw new Error(imported.reason);
    const tableId = planDocImportTable(doc, imported.value.table);
    const errors = exportTableErrors(doc, tableId, unitDirectoryDefault(), 2026);
    expect(errors?.map((f) => [f.row, f.field])).toEqual([['2', 'timeframe']]);
    expect(exportTableErrors(doc, 'khong-co', unitDirectoryDefault(), 2026)).toBeNull();
  });
});
