import type { ActivityStory } from '@phuluc/domain';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { stringsFor } from '../i18n/strings.ts';
import { ActivityLineBody, activityKind } from './activity-line.tsx';
import type { ApiActivityEntry } from './review-api.ts';

const entry = (story: ActivityStory): ApiActivityEntry => ({
  id: 7,
  at: Date.UTC(2026, 2, 14, 3, 5),
  action: story.kind === 'reviewReset' ? 'review.reset' : 'update',
  user: { id: 'kt', name: 'Trần Văn Kinh' },
  unit: { id: 'u-kt', name: 'Phòng Kinh tế' },
  actor: { kind: 'person', name: 'Phòng Kinh tế' },
  story,
  changes: [],
  detail: null,
});

/** The text of one line as the feed shows it in `lang`. */
function shown(e: ApiActivityEntry, lang: 'vi' | 'en', count = 1): string {
  const html = renderToStaticMarkup(createElement(ActivityLineBody, { line: { entry: e, count, since: e.at }, lang, t: stringsFor(lang) }));
  return (/<span class="rv-activity-sentence">(.*?)<\/span><time/.exec(html)?.[1] ?? '').replace(/<[^>]+>/g, '').replace(/&#x27;/g, "'");
}

const row = (number: string) => ({ kind: 'row', row: { kind: 'item', number }, table: null }) as const;

describe('an activity line', () => {
  it('tells one entry in Vietnamese or in English, as the UI is set', () => {
    const edit = entry({
      kind: 'update',
      groups: [[{ kind: 'fieldsEdited', fields: [{ kind: 'column', label: 'Thời gian thực hiện' }], place: row('II.3') }]],
      more: 0,
    });
    expect(shown(edit, 'vi')).toBe('Phòng Kinh tế sửa «Thời gian thực hiện» dòng II.3');
    expect(shown(edit, 'en')).toBe('Phòng Kinh tế edited «Thời gian thực hiện» in row II.3');
    expect(shown(edit, 'vi', 3)).toBe('Phòng Kinh tế sửa «Thời gian thực hiện» dòng II.3 · 3 lần');
    expect(shown(edit, 'en', 3)).toBe('Phòng Kinh tế edited «Thời gian thực hiện» in row II.3 · 3 times');
  });

  it('tells a reset in either language, and colours it as one', () => {
    const reset = entry({ kind: 'reviewReset', places: [row('II.1')], more: 0 });
    expect(shown(reset, 'vi')).toBe('Dòng II.1 đã duyệt trở về chờ duyệt vì Phòng Kinh tế sửa đổi');
    expect(shown(reset, 'en')).toBe('Row II.1, approved, went back to pending because Phòng Kinh tế edited it');
    expect(activityKind(reset)).toBe('reset');
  });

  it('is coloured by what the entry did: a review or a comment anywhere in an update counts', () => {
    const reviewed = entry({ kind: 'update', groups: [[{ kind: 'rowMoved', place: row('I.1') }], [{ kind: 'reviewed', state: 'approved', place: row('I.2') }]], more: 0 });
    const commented = entry({ kind: 'update', groups: [[{ kind: 'commented', place: row('I.1') }]], more: 0 });
    const refused = entry({ kind: 'rejected', groups: [], more: 0, reason: 'Không có quyền.' });
    expect([reviewed, commented, refused, entry({ kind: 'planCreated' })].map(activityKind)).toEqual(['review', 'comment', 'rejected', 'edit']);
  });
});
