import { useEffect, useState } from 'react';
import type { Lang } from '../../core/packs/packSchema';
import { invoke } from '../api/client';

/**
 * Whether this kiosk can transcribe `lang` right now (a Vosk model is installed). Asked once per
 * visitor; when it cannot, or the answer does not come, the journey simply offers typing.
 */
export function useSpeechAvailable(lang: Lang): boolean {
  const [available, setAvailable] = useState<Partial<Record<Lang, boolean>>>({});
  useEffect(() => {
    let isLive = true;
    invoke('speech:status', {})
      .then((s) => isLive && setAvailable(Object.fromEntries(s.languages.map((l) => [l.lang, l.available]))))
      .catch(() => undefined);
    return () => {
      isLive = false;
    };
  }, []);
  return available[lang] === true;
}
