import { getSetting, setSetting } from '../app/settings.js';
import { appendAudit } from '../audit/auditLog.js';
import type { Db } from '../db/openDatabase.js';

export type StoreInfo = { storeName: string; storeId: string; whatToBring: string };

/** The store card in the console (empty text for what was never set). */
export const getStoreInfo = (db: Db): StoreInfo => ({
  storeName: getSetting(db, 'store.name') ?? '',
  storeId: getSetting(db, 'store.id') ?? '',
  whatToBring: getSetting(db, 'store.whatToBring') ?? '',
});

/** The manager renames the store or changes what to bring to a first shift (audited). The store id is set once, at set-up. */
export function setStoreInfo(db: Db, actor: string, input: { storeName: string; whatToBring: string }, now: Date): void {
  db.transaction(() => {
    setSetting(db, 'store.name', input.storeName);
    setSetting(db, 'store.whatToBring', input.whatToBring);
    appendAudit(db, { actor, action: 'store.updated', subject: null }, now);
  })();
}
