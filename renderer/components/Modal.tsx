import { useId, useRef, type ReactNode } from 'react';
import { useDialogFocus } from './useDialogFocus';

/**
 * A full-screen dimmed dialog; kiosk dialogs are never dismissed by tapping outside by accident.
 * Focus moves in, stays in, and returns on close; Escape works only where the caller says it is
 * safe (`onEscape`: the choice that loses nothing).
 */
export function Modal(props: { title: string; children: ReactNode; testId?: string; onEscape?: () => void; className?: string }) {
  const ref = useRef<HTMLDivElement>(null);
  const titleId = useId();
  useDialogFocus(ref, props.onEscape);
  return (
    <div className="modal-backdrop">
      <div ref={ref} className={`modal ${props.className ?? ''}`} role="dialog" aria-modal="true" aria-labelledby={titleId} tabIndex={-1} data-testid={props.testId}>
        <h2 className="modal-title" id={titleId}>
          {props.title}
        </h2>
        {props.children}
      </div>
    </div>
  );
}
