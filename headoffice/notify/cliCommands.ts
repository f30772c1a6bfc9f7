/** `notifications …` and `notify …` admin commands (docs/notify.md). */
import fs from 'node:fs';
import type { HoStore } from '../store/types.js';
import { listNotifications, notificationCounts, resendNotification } from './admin.js';
import { deliverDue, webhookFromEnv } from './deliver.js';
import { setStoreSettings, setTemplate, storeSettings } from './templates.js';

export const NOTIFY_USAGE = `  notifications [--store s] [--status queued|sent|failed|dead|cancelled|erased]   applicant notifications with delivery status
  notifications resend <id>                     put a dead or failed notification back in the queue (same idempotency key)
  notifications deliver                         one delivery pass now (NOTIFY_WEBHOOK_URL, NOTIFY_WEBHOOK_SECRET)
  notify template --store <s|*> --kind decision-pass|decision-hold|decision-fail|secondround-picked --lang zh-CN|en --file <f>
                                                set a message template (checked: {store} {opening} {link} required, {slot} too for decision-hold and
                                                secondround-picked (the applicant's pick among offered slots), {code} allowed)
  notify store --store <s> [--name-zh <n>] [--name-en <n>] [--result-url https://…/r]   store name in messages, phone page URL`;

type Values = Record<string, string | boolean | undefined>;
const str = (v: string | boolean | undefined) => (typeof v === 'string' ? v : undefined);
const need = (v: string | boolean | undefined, what: string) => {
  const x = str(v);
  if (!x) throw new Error(`missing ${what}`);
  return x;
};

export async function runNotifyCommand(store: HoStore, cmd: string, rest: string[], values: Values, out: (o: unknown) => void): Promise<number | null> {
  if (cmd === 'notifications') {
    if (rest[0] === 'resend') {
      const r = await resendNotification(store, need(rest[1], 'notification id'));
      out(r);
      return r.ok ? 0 : 1;
    }
    if (rest[0] === 'deliver') {
      const cfg = webhookFromEnv();
      if (!cfg) throw new Error('set NOTIFY_WEBHOOK_URL and NOTIFY_WEBHOOK_SECRET first');
      out(await deliverDue(store, cfg));
      return 0;
    }
    if (rest[0] !== undefined) throw new Error(`unknown notifications subcommand ${rest[0]}\n${NOTIFY_USAGE}`);
    out({ counts: await notificationCounts(store, str(values.store)), notifications: await listNotifications(store, { store: str(values.store), status: str(values.status) }) });
    return 0;
  }
  if (cmd === 'notify') {
    if (rest[0] === 'template') {
      const body = fs.readFileSync(need(values.file, '--file'), 'utf8').trim();
      await setTemplate(store, need(values.store, '--store'), need(values.kind, '--kind'), need(values.lang, '--lang'), body);
      out({ ok: true, store: values.store, kind: values.kind, lang: values.lang });
      return 0;
    }
    if (rest[0] === 'store') {
      const id = need(values.store, '--store');
      const cur = await storeSettings(store, id);
      const next = { storeId: id, nameZh: str(values['name-zh']) ?? cur.nameZh, nameEn: str(values['name-en']) ?? cur.nameEn, resultUrl: str(values['result-url']) ?? cur.resultUrl };
      await setStoreSettings(store, next);
      out(next);
      return 0;
    }
    throw new Error(`unknown notify subcommand ${rest[0] ?? ''}\n${NOTIFY_USAGE}`);
  }
  return null;
}
