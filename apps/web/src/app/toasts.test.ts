import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { TOASTS_SHOWN, toast, toastDismiss, toastsShown } from './toasts.tsx';

const messages = () => toastsShown().map((t) => t.message);

describe('notices', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    for (const t of toastsShown()) toastDismiss(t.id);
    vi.runAllTimers();
    vi.useRealTimers();
  });

  it('shows two at a time; a third waits, and shows when one goes', () => {
    expect(TOASTS_SHOWN).toBe(2);
    toast('Đã dán 3 dòng.');
    toast('Dòng này do đơn vị khác chủ trì.');
    toast('Đã lưu phiên bản «Dự thảo 1».');
    expect(messages()).toEqual(['Đã dán 3 dòng.', 'Dòng này do đơn vị khác chủ trì.']);
    const first = toastsShown()[0];
    if (first) toastDismiss(first.id);
    expect(messages()).toEqual(['Dòng này do đơn vị khác chủ trì.', 'Đã lưu phiên bản «Dự thảo 1».']);
  });

  it('a waiting notice’s time starts when it shows, so none goes unseen', () => {
    toast('một', 'info', 1000);
    toast('hai', 'info', 1000);
    toast('ba', 'info', 1000);
    vi.advanceTimersByTime(999);
    expect(messages()).toEqual(['một', 'hai']);
    vi.advanceTimersByTime(1);
    expect(messages()).toEqual(['ba']);
    vi.advanceTimersByTime(999);
    expect(messages()).toEqual(['ba']);
    vi.advanceTimersByTime(1);
    expect(messages()).toEqual([]);
  });

  it('does not repeat a message already shown or waiting; errors stay twice as long', () => {
    toast('Không dán được', 'error', 1000);
    toast('Không dán được', 'error', 1000);
    expect(messages()).toEqual(['Không dán được']);
    vi.advanceTimersByTime(1999);
    expect(messages()).toEqual(['Không dán được']);
    vi.advanceTimersByTime(1);
    expect(messages()).toEqual([]);
  });
});
