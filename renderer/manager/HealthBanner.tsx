import { useEffect, useState } from 'react';
import { invoke } from '../api/client';
import { useT } from '../i18n';

type Notice = { id: string; text: string; fix: string | null; usb?: string };

/**
 * What a store manager must know about the kiosk itself, in plain words (the exact commands folded
 * away "for technicians"):
 * a damaged data file (new interviews paused), a missing speech model (applicants can still type), broken job packs (the others still work),
 * a sync problem (nothing is lost; it retries). Shown at the top of every console page.
 */
export function HealthBanner() {
  const t = useT();
  const [notices, setNotices] = useState<Notice[]>([]);
  useEffect(() => {
    let isLive = true;
    const load = async () => {
      const out: Notice[] = [];
      const [speech, kiosk, sync] = await Promise.allSettled([invoke('speech:status', {}), invoke('kiosk:status', {}), invoke('sync:status', {})]);
      if (speech.status === 'fulfilled') {
        for (const l of speech.value.languages.filter((x) => !x.available)) {
          const usb = l.model ? `npm run --silent kiosk -- models install --model ${l.model} --from /media/usb/${l.model}.zip` : undefined;
          out.push({ id: `speech-${l.lang}`, text: t('manager.health.speechMissing', { lang: t(`manager.health.lang.${l.lang}`), model: l.model ?? '' }), fix: l.fix, usb });
        }
      }
      if (kiosk.status === 'fulfilled') {
        if (!kiosk.value.storage.isOk) out.push({ id: 'storage', text: t('manager.health.storageDamaged', { problem: kiosk.value.storage.problem ?? '' }), fix: 'npm run --silent kiosk -- db info' });
        for (const p of kiosk.value.packErrors)
          out.push({ id: `pack-${p.file}`, text: t('manager.health.packBroken', { file: p.file, problem: p.problems[0] ?? '' }), fix: 'npm run --silent kiosk -- packs validate' });
      }
      if (sync.status === 'fulfilled' && sync.value.lastError) {
        out.push({ id: 'sync', text: t('manager.health.syncError', { detail: sync.value.lastError }), fix: null });
      }
      if (isLive) setNotices(out);
    };
    void load();
    return () => {
      isLive = false;
    };
  }, [t]);
  if (notices.length === 0) return null;
  return (
    <div className="m-health" role="status" data-testid="health-banner">
      {notices.map((n) => (
        <div key={n.id} className="m-health-item" data-testid={`health-${n.id}`}>
          <p>{n.text}</p>
          {/* A store manager is not asked to type commands: they sit folded away for a technician. */}
          {n.fix ? (
            <details className="m-health-tech">
              <summary>{t('manager.health.forTechnicians')}</summary>
              <p>
                {t('manager.health.fix')} <code>{n.fix}</code>
              </p>
              {n.usb ? (
                <p>
                  {t('manager.health.fromUsb')} <code>{n.usb}</code>
                </p>
              ) : null}
            </details>
          ) : null}
        </div>
      ))}
    </div>
  );
}
