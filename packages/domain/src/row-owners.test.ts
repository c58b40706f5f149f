import { describe, expect, it } from 'vitest';
import type { Actor } from './permissions.ts';
import { rowOwnersForLead, rowOwnersForNew } from './row-owners.ts';
import { unitDirectoryDefault } from './units.ts';

const units = unitDirectoryDefault();
const coordinator: Actor = { userId: 'u-dm', role: 'coordinator', unitId: null };
const editor: Actor = { userId: 'u-kt', role: 'editor', unitId: 'phong-kinh-te' };

describe('rowOwnersForLead', () => {
  it('gives a row the units its lead names, leaving out those in parentheses', () => {
    expect(rowOwnersForLead(units, 'Phòng Văn hóa - Xã hội (phối hợp Trạm Y tế)')).toEqual(['phong-van-hoa-xa-hoi']);
  });
  it('says the owners stay (null) when the lead names the units the row already has', () => {
    expect(rowOwnersForLead(units, 'Phòng VH-XH', ['phong-van-hoa-xa-hoi'])).toBeNull();
  });
  it('gives the new owners when the lead names other units', () => {
    expect(rowOwnersForLead(units, 'Phòng Kinh tế', ['phong-van-hoa-xa-hoi'])).toEqual(['phong-kinh-te']);
    expect(rowOwnersForLead(units, '', ['phong-kinh-te'])).toEqual([]);
  });
});

describe('rowOwnersForNew', () => {
  it("gives an editor's new row to the editor's unit, whatever its lead says", () => {
    expect(rowOwnersForNew(editor, units, 'Phòng Văn hóa - Xã hội')).toEqual(['phong-kinh-te']);
  });
  it("gives the coordinator's new row the units of its lead, and none while the lead is empty", () => {
    expect(rowOwnersForNew(coordinator, units, 'Phòng Văn hóa - Xã hội')).toEqual(['phong-van-hoa-xa-hoi']);
    expect(rowOwnersForNew(coordinator, units)).toEqual([]);
  });
});
