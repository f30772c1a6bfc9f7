import { invoke } from '../api/client';

let locking: Promise<unknown> | null = null;

/**
 * A new page load (a reload, a crash restart) always asks for the PIN again: main's session may
 * still be alive from the previous page, so the first thing a page does is end it. Called once
 * per page load; the console waits for it before asking main who is signed in.
 */
export function lockOnPageLoad(): Promise<unknown> {
  return (locking ??= invoke('auth:lock', {}).catch(() => undefined));
}
