import { describe, expect, it } from 'vitest';
import { presenceByRow, presenceColor, presencePeers } from './presence.ts';

describe('presencePeers', () => {
  it('lists the other people in this table, read defensively, without the tab itself', () => {
    const states = new Map<number, unknown>([
      [1, { user: { name: 'Tôi', color: '#123456' }, cell: { tableId: 't', rowId: 'r1', field: 'task' } }],
      [2, { user: { name: 'Trần Văn Kinh', color: '#2b8a3e' }, cell: { tableId: 't', rowId: 'r2', field: 'lead' }, editing: true }],
      [3, { user: { name: 'Khác bảng' }, cell: { tableId: 'other', rowId: 'r1', field: 'task' } }],
      [4, { cell: { tableId: 't', rowId: 42, field: 'task' } }],
      [5, { user: { name: '  ', color: 'red;background:url(x)' }, cell: { tableId: 't', rowId: 'r1', field: 'label' } }],
      [6, null],
    ]);
    const peers = presencePeers(states, 1, 't');
    expect(peers.map((p) => [p.clientId, p.name, p.rowId, p.field, p.editing])).toEqual([
      [2, 'Trần Văn Kinh', 'r2', 'lead', true],
      [5, '?', 'r1', 'label', false],
    ]);
    // A colour that is not a plain colour is never put in CSS.
    expect(peers[1]?.color).toBe(presenceColor(undefined, 5));
    expect(presenceByRow(peers).get('r2')?.peers).toHaveLength(1);
  });
});
