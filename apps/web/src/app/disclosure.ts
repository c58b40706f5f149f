/**
 * A button that opens a panel or dialog: its open state, the panel's id for `aria-controls`,
 * and closing that hands the focus back to the button (keyboard users stay where they were).
 */
import { useCallback, useId, useRef, useState } from 'react';

export function useDisclosure() {
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const buttonRef = useRef<HTMLButtonElement>(null);
  const close = useCallback(() => {
    setOpen(false);
    buttonRef.current?.focus();
  }, []);
  const toggle = useCallback(() => setOpen((o) => !o), []);
  return { open, setOpen, panelId, buttonRef, close, toggle };
}
