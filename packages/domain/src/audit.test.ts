import { describe, expect, it } from 'vitest';
import { AUDIT_ACTIONS, auditActionRead, type AuditMarker, auditMarkerWrite, auditTouchRead } from './audit.ts';

describe('audit markers', () => {
  it('are read back as they were written, payload included', () => {
    const markers: AuditMarker[] = [
      { kind: 'rowCreated' },
      { kind: 'rowDeleted' },
      { kind: 'comment' },
      { kind: 'commentDeleted' },
      { kind: 'review', state: null },
      { kind: 'review', state: 'approved' },
      { kind: 'review', state: 'changes_requested' },
      { kind: 'review', state: 'pending' },
      { kind: 'reviewReset' },
      { kind: 'meta', key: null },
      { kind: 'meta', key: 'title' },
      { kind: 'unknown' },
    ];
    for (const marker of markers) expect(auditTouchRead(auditMarkerWrite(marker))).toEqual(marker);
  });

  it('keep the strings already stored in audit tables', () => {
    const stored = {
      '(row.created)': { kind: 'rowCreated' },
      '(row.deleted)': { kind: 'rowDeleted' },
      '(comment)': { kind: 'comment' },
      '(comment.deleted)': { kind: 'commentDeleted' },
      '(review)': { kind: 'review', state: null },
      '(review:approved)': { kind: 'review', state: 'approved' },
      '(review:changes_requested)': { kind: 'review', state: 'changes_requested' },
      '(review:pending)': { kind: 'review', state: 'pending' },
      '(review:reset)': { kind: 'reviewReset' },
      '(meta)': { kind: 'meta', key: null },
      '(meta).commune': { kind: 'meta', key: 'commune' },
      '(unknown)': { kind: 'unknown' },
    } as const;
    for (const [field, marker] of Object.entries(stored)) {
      expect(auditTouchRead(field)).toEqual(marker);
      expect(auditMarkerWrite(marker)).toBe(field);
    }
  });

  it('tell plain fields, the thing itself and markers this version does not know apart', () => {
    expect(auditTouchRead('timeframe')).toEqual({ kind: 'field', field: 'timeframe' });
    expect(auditTouchRead('custom:ghi-chu-them')).toEqual({ kind: 'field', field: 'custom:ghi-chu-them' });
    expect(auditTouchRead(null)).toEqual({ kind: 'itself' });
    expect(auditTouchRead(undefined)).toEqual({ kind: 'itself' });
    expect(auditTouchRead('(review:archived)')).toEqual({ kind: 'review', state: null });
    expect(auditTouchRead('(row.split)')).toEqual({ kind: 'unknown' });
  });
});

describe('audit actions', () => {
  it('are read back when known, and null otherwise', () => {
    expect(Object.values(AUDIT_ACTIONS).sort()).toEqual(['login', 'logout', 'plan.create', 'plan.delete', 'rejected', 'review.reset', 'update', 'version.create']);
    for (const action of Object.values(AUDIT_ACTIONS)) expect(auditActionRead(action)).toBe(action);
    expect(auditActionRead('plan.archive')).toBeNull();
  });
});
