/**
 * A figure read from the plan document and kept current: read now, then again a moment after the
 * document changes (`DOC_READ_DELAY_MS`) — and at least every `DOC_READ_MAX_WAIT_MS` while people
 * keep typing — so that a page of figures (the review overview, the tracking tab) follows the
 * document live without re-reading it on every keystroke.
 */
import { useEffect, useState } from 'react';
import type * as Y from 'yjs';

export const DOC_READ_DELAY_MS = 300;
export const DOC_READ_MAX_WAIT_MS = 1500;

/** `read(doc)`, re-read after changes; `deps` are what `read` depends on besides the document. */
export function useDocRead<T>(doc: Y.Doc, read: (doc: Y.Doc) => T, deps: readonly unknown[]): T {
  const [data, setData] = useState<T>(() => read(doc));
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | null = null;
    let firstChange = 0;
    const run = (): void => {
      timer = null;
      firstChange = 0;
      setData(read(doc));
    };
    const onUpdate = (): void => {
      const now = Date.now();
      if (firstChange === 0) firstChange = now;
      if (timer) clearTimeout(timer);
      timer = setTimeout(run, now - firstChange >= DOC_READ_MAX_WAIT_MS ? 0 : DOC_READ_DELAY_MS);
    };
    run();
    doc.on('update', onUpdate);
    return () => {
      doc.off('update', onUpdate);
      if (timer) clearTimeout(timer);
    };
    // `read` is a new function each render; what it reads is named by `deps`.
  }, [doc, ...deps]);
  return data;
}
