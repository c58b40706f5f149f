import { describe, expect, it } from 'vitest';
import { editorPreview, moneyCommitText, previewKindHas } from './preview.ts';

describe('editorPreview', () => {
  it('shows the period that was understood', () => {
    expect(editorPreview('period', 'Quý II - Quý IV/2026', 2026)).toEqual({ state: 'ok', described: 'Quý II → Quý IV/2026' });
  });

  it('reads a period without a year as the plan’s year', () => {
    const p = editorPreview('period', 'Quý II', 2027);
    expect(p).toEqual({ state: 'ok', described: 'Quý II/2027' });
  });

  it('gives the Vietnamese reason when a period cannot be read', () => {
    const p = editorPreview('period', 'sớm', 2026);
    expect(p?.state).toBe('error');
    if (p?.state === 'error') expect(p.reason).toMatch(/[ảáàạãâăđêôơư]/u);
  });

  it('formats money the Vietnamese way and explains a wrong number', () => {
    expect(editorPreview('money', '1250', 2026)).toEqual({ state: 'ok', described: '1.250' });
    expect(editorPreview('money', '56,36 trđ', 2026)).toEqual({ state: 'ok', described: '56,36' });
    expect(editorPreview('money', '1.25', 2026)?.state).toBe('error');
  });

  it('describes targets, frequencies and measure units', () => {
    expect(editorPreview('target', '>= 50%', 2026)).toEqual({ state: 'ok', described: '≥ 50%' });
    expect(editorPreview('frequency', 'Hàng tuần/Hàng tháng', 2026)).toEqual({ state: 'ok', described: 'Hàng tuần, hàng tháng' });
    expect(editorPreview('measureUnit', '%', 2026)).toEqual({ state: 'ok', described: '%' });
  });

  it('an empty cell gets a hint, not an error', () => {
    expect(editorPreview('period', '', 2026)?.state).toBe('empty');
  });

  it('plain text and units cells have no preview', () => {
    expect(previewKindHas('text')).toBe(false);
    expect(editorPreview('units', 'Phòng Kinh tế', 2026)).toBeNull();
  });
});

describe('moneyCommitText', () => {
  it('writes a plain number in the Vietnamese format and leaves anything else as typed', () => {
    expect(moneyCommitText('1250')).toBe('1.250');
    expect(moneyCommitText('1250,50')).toBe('1.250,5');
    expect(moneyCommitText('1.25')).toBe('1.25');
    expect(moneyCommitText('Lồng ghép')).toBe('Lồng ghép');
  });
});
