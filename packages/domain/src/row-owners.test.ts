import { describe, expect, it } from 'vitest';
import type { Actor } from './permissions.ts';
import { rowLeadForNew, rowOwnersForLead, rowOwnersForNew, rowOwnersLossForLead } from './row-owners.ts';
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

describe('rowLeadForNew', () => {
  it("leads an editor's new row by his unit: its lead cell names the unit, and the row is his", () => {
    const lead = rowLeadForNew(editor, units);
    expect(lead).toBe('Phòng Kinh tế');
    expect(rowOwnersForNew(editor, units, lead)).toEqual(['phong-kinh-te']);
    expect(rowOwnersForLead(units, lead)).toEqual(['phong-kinh-te']);
  });
  it('keeps a lead that was given (a pasted row), and leaves the coordinator’s new row empty', () => {
    expect(rowLeadForNew(editor, units, 'Phòng KT')).toBe('Phòng KT');
    expect(rowLeadForNew(coordinator, units)).toBe('');
  });
});

describe('rowOwnersLossForLead', () => {
  const coordinatorVhxh: Actor = { userId: 'u-lan', role: 'coordinator', unitId: 'phong-van-hoa-xa-hoi' };

  it('says nothing when the new lead keeps every owner', () => {
    expect(rowOwnersLossForLead(coordinator, units, 'kinh te, doan thanh nien', ['phong-kinh-te'])).toBeNull();
  });
  it('asks when a unit would drop out while part of the lead matched nothing', () => {
    expect(rowOwnersLossForLead(coordinator, units, 'kinhte, Đoàn Thanh niên', ['phong-kinh-te'])).toEqual({
      dropped: ['phong-kinh-te'],
      own: false,
      unmatched: ['kinhte'],
      confirm: true,
    });
  });
  it("asks when the person's own unit would drop out, and not for a plain reassignment", () => {
    expect(rowOwnersLossForLead(coordinatorVhxh, units, 'Phòng Kinh tế', ['phong-van-hoa-xa-hoi'])).toMatchObject({ own: true, confirm: true });
    expect(rowOwnersLossForLead(coordinatorVhxh, units, 'Phòng Kinh tế', ['cong-an-xa'])).toMatchObject({ dropped: ['cong-an-xa'], confirm: false });
  });
});
