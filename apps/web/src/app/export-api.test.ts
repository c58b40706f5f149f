import { describe, expect, it } from 'vitest';
import { contentDispositionFileName, exportUrl } from './export-api.ts';

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
