/** The height of an element, followed as it changes (the grid's sticky header). */
import { useLayoutEffect, useState } from 'react';
import type { RefObject } from 'react';

/** `ref`'s element's offset height, `initial` until measured. */
export function useElementHeight(ref: RefObject<HTMLElement | null>, initial: number): number {
  const [height, setHeight] = useState(initial);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const update = (): void => setHeight(el.offsetHeight);
    update();
    const observer = new ResizeObserver(update);
    observer.observe(el);
    return () => observer.disconnect();
  }, [ref]);
  return height;
}
