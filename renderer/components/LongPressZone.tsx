import { useRef } from 'react';

/**
 * An invisible corner that fires after a steady press (3 s by default): the store manager's
 * way in, which an applicant will not trigger by tapping around.
 */
export function LongPressZone(props: { onLongPress: () => void; ms?: number; className?: string; testId?: string }) {
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const cancel = () => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
  };
  return (
    <div
      className={props.className ?? 'longpress-zone'}
      data-testid={props.testId}
      aria-hidden="true"
      onPointerDown={() => {
        cancel();
        timer.current = setTimeout(props.onLongPress, props.ms ?? 3000);
      }}
      onPointerUp={cancel}
      onPointerLeave={cancel}
      onPointerCancel={cancel}
      onContextMenu={(e) => e.preventDefault()}
    />
  );
}
