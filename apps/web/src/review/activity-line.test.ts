import type { ActivityStory } from '@phuluc/domain';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { stringsFor } from '../i18n/strings.ts';
import { ActivityLineBody, activityKind } from './activity-line.tsx';
import type { ApiActivityEntry } from './review-api.ts';
import { timeLabel, timeSpanLabel } from './time-label.ts';

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
function shown(e: ApiActivityEntry, lang: 'vi' | 'en', since = e.at): string {
  const html = renderToStaticMarkup(createElement(ActivityLineBody, { line: { entry: e, since, ids: [e.id] }, lang, t: stringsFor(lang) }));
  return (/<span class="rv-activity-sentence">(.*?)<\/span><time[^>]*>(.*?)<\/time>/.exec(html)?.slice(1).join(' @ ') ?? '').replace(/<[^>]+>/g, '').replace(/&#x27;/g, "'");
}

const row = (number: string) => ({ kind: 'row', row: { kind: 'item', number }, table: null }) as const;

describe('an activity line', () => {
  it('tells one entry in Vietnamese or in English, as the UI is set', () => {
    const edit = entry({
      kind: 'update',
      groups: [[{ kind: 'fieldsEdited', fields: [{ kind: 'column', label: 'Thời gian thực hiện' }], place: row('II.3') }]],
      more: 0,
    });
    const time = timeLabel(edit.at);
    expect(shown(edit, 'vi')).toBe(`Phòng Kinh tế sửa «Thời gian thực hiện» dòng II.3 @ ${time}`);
    expect(shown(edit, 'en')).toBe(`Phòng Kinh tế edited «Thời gian thực hiện» in row II.3 @ ${time}`);
  });

  it('shows a sitting of edits by its time span, not by how many updates it took', () => {
    const edit = entry({ kind: 'update', groups: [[{ kind: 'fieldsEdited', fields: [{ kind: 'column', label: 'Nhiệm vụ cụ thể' }], place: row('II.4') }]], more: 0 });
    const sitting = shown(edit, 'vi', edit.at - 27 * 60_000);
    expect(sitting).toBe(`Phòng Kinh tế sửa «Nhiệm vụ cụ thể» dòng II.4 @ ${timeSpanLabel(edit.at - 27 * 60_000, edit.at)}`);
    expect(sitting).toMatch(/\d\d:\d\d–\d\d:\d\d/);
    expect(sitting).not.toMatch(/lần/);
  });

  it('tells a reset in either language, and colours it as one', () => {
    const reset = entry({ kind: 'reviewReset', places: [row('II.1')], more: 0 });
    expect(shown(reset, 'vi')).toMatch(/^Dòng II.1 đã duyệt trở về chờ duyệt vì Phòng Kinh tế sửa đổi @ /);
    expect(shown(reset, 'en')).toMatch(/^Row II.1, approved, went back to pending because Phòng Kinh tế edited it @ /);
    expect(activityKind(reset)).toBe('reset');
  });

  it('is coloured by what the entry did: a review or a comment anywhere in an update counts', () => {
    const reviewed = entry({ kind: 'update', groups: [[{ kind: 'rowMoved', place: row('I.1') }], [{ kind: 'reviewed', state: 'approved', place: row('I.2') }]], more: 0 });
    const commented = entry({ kind: 'update', groups: [[{ kind: 'commented', place: row('I.1') }]], more: 0 });
    const refused = entry({ kind: 'rejected', groups: [], more: 0, reason: 'Không có quyền.' });
    expect([reviewed, commented, refused, entry({ kind: 'planCreated' })].map(activityKind)).toEqual(['review', 'comment', 'rejected', 'edit']);
  });
});
