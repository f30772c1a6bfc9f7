import type { ReactNode } from 'react';

/** A full-screen dimmed dialog; kiosk dialogs are never dismissed by tapping outside by accident. */
export function Modal(props: { title: string; children: ReactNode; testId?: string }) {
  return (
    <div className="modal-backdrop">
      <div className="modal" role="dialog" aria-modal="true" aria-label={props.title} data-testid={props.testId}>
        <h2 className="modal-title">{props.title}</h2>
        {props.children}
      </div>
    </div>
  );
}
