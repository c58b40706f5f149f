import { describe, expect, it } from 'vitest';
import { fixtureRows } from '../fixtures.test-helper.ts';
import { TEMPLATES } from '../templates.ts';
import {
  headerFieldFind,
  headerIsNumber,
  headerLabelKey,
  headerRecognize,
  headerRowFind,
  headerStackCombine,
  headerStackLabel,
  headerYear,
  templateDetect,
} from './header.ts';

const headerOf = (name: string): string[] => fixtureRows(name)[0] ?? [];

describe('headerRecognize', () => {
  it('recognises every label of the Tân Thanh tasks header, STT as the number column', () => {
    const { matches, recognized } = headerRecognize(headerOf('tan-thanh-2026-tasks.tsv'));
    expect(recognized).toBe(9);
    expect(matches[0]).toMatchObject({ index: 0, label: 'STT', number: true });
    expect(matches.slice(1).map((m) => m.field)).toEqual(TEMPLATES['tasks-detailed'].columns.map((c) => c.field));
  });

  it('reads the Xuân Lộc misspelling "Chỉ tiêu phần đầu năm 2026" as the target, with its year', () => {
    const { matches } = headerRecognize(headerOf('xuan-loc-2026-indicators.tsv'));
    expect(matches.find((m) => m.index === 3)).toMatchObject({ field: 'target', year: 2026 });
    expect(headerYear(matches)).toBe(2026);
  });

  it('recognises the KPI header, which has no number column', () => {
    const { matches, recognized } = headerRecognize(headerOf('tan-ky-2026-kpi.tsv'));
    expect(recognized).toBe(3);
    expect(matches.map((m) => m.field)).toEqual(['indicator', 'target', 'lead']);
    expect(matches.some((m) => m.number)).toBe(false);
  });

  it('ignores diacritics, case, dashes, spacing and line breaks in labels', () => {
    const { matches } = headerRecognize(['so tt', 'NOI DUNG CONG VIEC', 'Đơn  vị\nchủ trì', 'Thời gian triển khai – hoàn thành']);
    expect(matches.map((m) => m.field)).toEqual(['custom:so-tt', 'task', 'lead', 'timeframe']);
    expect(matches[0]?.number).toBe(true);
    expect(matches[2]?.label).toBe('Đơn vị chủ trì');
  });

  it('takes any four-digit year for {year}', () => {
    expect(headerFieldFind('Chỉ tiêu phấn đấu năm 2027')).toBe('target');
    expect(headerFieldFind('Mức theo dõi năm 2030')).toBe('target');
  });

  it('forgives one wrong, missing or extra letter in a long label, but not in a short one', () => {
    expect(headerFieldFind('Nội dung công vệc')).toBe('task');
    expect(headerFieldFind('Nội dung công viêk')).toBe('task');
    expect(headerFieldFind('Đơn vị phố hợp')).toBe('cooperating');
    expect(headerFieldFind('Đơn vị phốii hợp')).toBe('cooperating');
    expect(headerFieldFind('KPIs')).toBeUndefined();
  });

  it('keeps an unknown label and a second label of a taken field as custom columns', () => {
    const { matches, recognized } = headerRecognize(['TT', 'Nhiệm vụ', 'Mã hồ sơ', 'Cơ quan chủ trì', 'Chủ trì']);
    expect(recognized).toBe(3);
    expect(matches.map((m) => m.field)).toEqual(['custom:tt', 'task', 'custom:ma-ho-so', 'lead', 'custom:chu-tri']);
  });

  it('recognises nothing in a data row', () => {
    const row = fixtureRows('tan-ky-2026-tasks.tsv')[1] ?? [];
    expect(headerRecognize(row).recognized).toBe(0);
  });
});

describe('headerLabelKey and headerIsNumber', () => {
  it('gives two spellings of one label the same key', () => {
    expect(headerLabelKey('Đơn vị theo dõi,đánh giá , tổng hợp, báo cáo:')).toBe(
      headerLabelKey('Don vi theo doi, danh gia, tong hop, bao cao'),
    );
  });

  it('knows STT, TT, Số TT and Số thứ tự, and nothing else, as the number column', () => {
    expect(['STT', 'TT', 'Số TT', 'Số thứ tự', 'S.T.T'].every(headerIsNumber)).toBe(true);
    expect(headerIsNumber('Nội dung')).toBe(false);
  });
});

describe('templateDetect', () => {
  it.each([
    ['tan-thanh-2026-tasks.tsv', 'tasks-detailed'],
    ['xuan-loc-2026-indicators.tsv', 'indicators'],
    ['tan-ky-2026-tasks.tsv', 'tasks-basic'],
    ['tan-ky-2026-recurring.tsv', 'recurring'],
    ['tan-ky-2026-kpi.tsv', 'kpi'],
  ])('finds the layout of %s: %s', (name, template) => {
    expect(templateDetect(headerRecognize(headerOf(name)).matches)).toBe(template);
  });

  it('finds each template from its own exact labels', () => {
    for (const template of Object.values(TEMPLATES)) {
      const labels = [template.numbering.label ?? '', ...template.columns.map((c) => c.label.replace('{year}', '2026'))];
      expect(templateDetect(headerRecognize(labels).matches)).toBe(template.id);
    }
  });

  it('falls back on field agreement when no label is exact', () => {
    const { matches } = headerRecognize(['Nội dung', 'Chủ trì', 'Phối hợp', 'Tần suất thực hiện', 'Kết quả đầu ra']);
    expect(templateDetect(matches)).toBe('recurring');
  });
});

describe('stacked header rows', () => {
  const top = ['STT', 'Nhiệm vụ', 'Cơ quan thực hiện', '', 'Sản phẩm', 'Thời gian hoàn thành'];
  const sub = ['', '', 'Chủ trì', 'Phối hợp', '', ''];

  it('combines a merged "Cơ quan thực hiện" over "Chủ trì | Phối hợp" into one label per column', () => {
    expect(headerStackCombine(top, sub)).toEqual(['STT', 'Nhiệm vụ', 'Cơ quan chủ trì', 'Cơ quan phối hợp', 'Sản phẩm', 'Thời gian hoàn thành']);
  });

  it('names a sub-column by its own label, or by both labels when neither names a field', () => {
    expect(headerStackLabel('Phân công', 'Phối hợp')).toBe('Phối hợp');
    expect(headerStackLabel('Kinh phí', 'Ngân sách xã')).toBe('Kinh phí ngân sách xã');
    expect(headerStackLabel('Đơn vị', 'UBND xã')).toBe('Đơn vị UBND xã');
  });

  it('finds the header as two rows, and as one when the row below is the first item or a section', () => {
    expect(headerRowFind([['PHỤ LỤC'], top, sub])).toMatchObject({ row: 1, height: 2 });
    expect(headerRowFind([top, sub])?.matches.map((m) => m.field)).toEqual(['custom:stt', 'task', 'lead', 'cooperating', 'output', 'timeframe']);
    expect(headerRowFind([top, ['1', 'Ban hành kế hoạch', 'Phòng Văn hóa - Xã hội', 'Công an xã', 'Kế hoạch', 'Quý I/2026']])).toMatchObject({ row: 0, height: 1 });
    expect(headerRowFind([top, ['I. CHÍNH QUYỀN SỐ', '', '', '', '', '']])).toMatchObject({ row: 0, height: 1 });
  });

  it('does not take numbers or bullet lines under a merged cell for sub-headers', () => {
    expect(headerStackCombine(top, ['', '', '1.250', '56,36', '', ''])).toBeUndefined();
    expect(headerStackCombine(top, ['', '', '- Phòng Kinh tế', '- Công an xã', '', ''])).toBeUndefined();
    expect(headerStackCombine(top, ['', '', 'Chủ trì', '', '', ''])).toBeUndefined();
  });
});
