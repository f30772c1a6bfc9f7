import type { Lang } from '../../core/packs/packSchema';

/** The browser's own speech synthesis (offline voices on the kiosk); absent in some builds. */
export const canSpeak = (): boolean => typeof window !== 'undefined' && 'speechSynthesis' in window && typeof SpeechSynthesisUtterance !== 'undefined';

/** Reads a question (or follow-up) aloud, a little slower than default, replacing anything still being read. */
export function readAloud(text: string, lang: Lang): void {
  if (!canSpeak()) return;
  window.speechSynthesis.cancel();
  const u = new SpeechSynthesisUtterance(text);
  u.lang = lang;
  u.rate = 0.9;
  window.speechSynthesis.speak(u);
}

export function stopReading(): void {
  if (canSpeak()) window.speechSynthesis.cancel();
}
