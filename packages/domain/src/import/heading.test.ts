import { describe, expect, it } from 'vitest';
import { exportAttachedLine } from '../export-model.ts';
import { IMPORT_HEADING_NONE, importHeadingRead } from './heading.ts';

describe('importHeadingRead: the heading block above an appendix table', () => {
  it('reads back the title, plan number, date and commune an export prints', () => {
    const attached = exportAttachedLine({ commune: 'Tân Thanh', planNumber: '123', issuedOn: '2026-11-05' });
    expect(importHeadingRead(['PHỤ LỤC', 'NHIỆM VỤ CHUYỂN ĐỔI SỐ XÃ TÂN THANH NĂM 2026', attached, 'DỰ THẢO'])).toEqual({
      title: 'NHIỆM VỤ CHUYỂN ĐỔI SỐ XÃ TÂN THANH NĂM 2026',
      planNumber: '123/KH-UBND',
      issuedOn: '2026-11-05',
      commune: 'Tân Thanh',
    });
  });

  it('gives a template title in its own casing, and a ward with its kind', () => {
    const heading = importHeadingRead(['PHỤ LỤC I', 'DANH MỤC NHIỆM VỤ VÀ KINH PHÍ THỰC HIỆN NĂM 2026', '(Kèm theo Kế hoạch số 07/KH-UBND ngày 5 tháng 1 năm 2026 của Ủy ban nhân dân phường An Khánh)']);
    expect(heading).toEqual({ title: 'Danh mục nhiệm vụ và kinh phí thực hiện năm 2026', planNumber: '07/KH-UBND', issuedOn: '2026-01-05', commune: 'Phường An Khánh' });
  });

  it('reads the blanks of a plan not yet issued as blank, and a date missing its day as no date', () => {
    const unissued = exportAttachedLine({ commune: '', planNumber: '', issuedOn: '' });
    expect(importHeadingRead(['PHỤ LỤC', 'CHỈ TIÊU CHUYỂN ĐỔI SỐ NĂM 2026', unissued])).toEqual({ ...IMPORT_HEADING_NONE, title: 'Chỉ tiêu chuyển đổi số năm 2026' });
    const partial = importHeadingRead(['NHIỆM VỤ CHUYỂN ĐỔI SỐ XÃ … NĂM 2026', '(Kèm theo Kế hoạch số 123/KH-UBND ngày …/11/2026 của UBND xã Tân Kỳ)']);
    expect(partial).toEqual({ title: 'NHIỆM VỤ CHUYỂN ĐỔI SỐ XÃ … NĂM 2026', planNumber: '123/KH-UBND', issuedOn: '', commune: 'Tân Kỳ' });
  });

  it('takes only the last lines before the table as its heading, not the plan text above them', () => {
    const plan = ['KẾ HOẠCH', 'Chuyển đổi số năm 2026', 'I. MỤC ĐÍCH, YÊU CẦU', 'Triển khai đồng bộ các nhiệm vụ…', 'Nơi nhận: như trên.'];
    expect(importHeadingRead([...plan, 'PHỤ LỤC', 'PHÂN CÔNG NHIỆM VỤ CHUYỂN ĐỔI SỐ NĂM 2026'])).toEqual({ ...IMPORT_HEADING_NONE, title: 'Phân công nhiệm vụ chuyển đổi số năm 2026' });
    expect(importHeadingRead(plan)).toEqual(IMPORT_HEADING_NONE);
    expect(importHeadingRead([])).toEqual(IMPORT_HEADING_NONE);
  });
});
