/**
 * Half-typed answers survive a reload (a crash, a power blip) so nobody types twice: kept in
 * sessionStorage per interview and question while typing, dropped once the answer is sent, and
 * all dropped whenever the kiosk starts a fresh visitor — the next person never sees them.
 */
const PREFIX = 'kiosk-draft:';

const store = (): Storage | null => {
  try {
    return window.sessionStorage;
  } catch {
    return null;
  }
};

export const draftKey = (interviewId: string, questionId: string, kind: 'answer' | 'followUp' | 'retake'): string => `${PREFIX}${interviewId}:${questionId}:${kind}`;

export function readDraft(key: string | undefined): string {
  return (key && store()?.getItem(key)) || '';
}

export function writeDraft(key: string | undefined, text: string): void {
  if (!key) return;
  if (text) store()?.setItem(key, text);
  else store()?.removeItem(key);
}

export function clearDrafts(): void {
  const s = store();
  if (!s) return;
  for (const k of Object.keys(s)) if (k.startsWith(PREFIX)) s.removeItem(k);
}
