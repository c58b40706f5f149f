import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { heldCopyAppend, heldCopyApplied, heldCopyDelete, heldCopyGet, heldCopyPut } from './held-copy.ts';

// No IndexedDB here: the copy lives in memory, with the same rules.
function update(text: string): Uint8Array {
  const doc = new Y.Doc();
  doc.getText('t').insert(0, text);
  return Y.encodeStateAsUpdate(doc);
}

function textsOf(copy: { update: Uint8Array } | null): string[] {
  const doc = new Y.Doc();
  if (copy) Y.applyUpdate(doc, copy.update);
  return doc.getText('t').toString().split('|').filter(Boolean).sort();
}

describe('held copy', () => {
  it('counts a refusal that comes before the previous one was settled, and keeps the edits of both', async () => {
    const key = 'plan:user-a';
    expect((await heldCopyPut(key, { update: update('một|'), reason: 'Dòng này do đơn vị khác chủ trì.', at: 1 })).attempt).toBe(1);
    await heldCopyAppend(key, update('gõ thêm|'));
    expect((await heldCopyGet(key))?.attempt).toBe(1);
    const second = await heldCopyPut(key, { update: update('hai|'), reason: 'Lần hai', at: 2 });
    expect(second.attempt).toBe(2);
    expect(second.reason).toBe('Lần hai');
    expect(textsOf(second)).toEqual(['gõ thêm', 'hai', 'một']);
  });

  it('replaces, not merges, a copy whose edits were already written again (merging would double them)', async () => {
    const key = 'plan:user-c';
    await heldCopyPut(key, { update: update('gốc|'), reason: 'r', at: 1 });
    await heldCopyApplied(key);
    expect((await heldCopyGet(key))?.applied).toBe(true);
    const second = await heldCopyPut(key, { update: update('viết lại|'), reason: 'r2', at: 2 });
    expect(second).toMatchObject({ attempt: 2, applied: false });
    expect(textsOf(second)).toEqual(['viết lại']);
  });

  it('starts counting again once the copy is settled', async () => {
    const key = 'plan:user-b';
    await heldCopyPut(key, { update: update('một|'), reason: 'r', at: 1 });
    await heldCopyDelete(key);
    expect(await heldCopyGet(key)).toBeNull();
    expect((await heldCopyPut(key, { update: update('hai|'), reason: 'r', at: 2 })).attempt).toBe(1);
  });
});
