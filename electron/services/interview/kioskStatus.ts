import type { OutputOf } from '../../shared/contract/index.js';
import type { AppContext } from '../app/appContext.js';
import { getSetting } from '../app/settings.js';
import { integrityOf } from '../db/openDatabase.js';
import { DEFAULT_RETENTION, getRetention } from '../manager/retention.js';
import { readPolicy } from '../scoring/policySetting.js';

/**
 * What the attract screen needs before anyone touches it: whether the kiosk is set up (a store
 * name exists), broken packs, the idle timeout, whether the data file is healthy, and the facts
 * of the privacy notice (how long data is kept, whether the camera may count in the score).
 */
export function kioskStatus(ctx: Pick<AppContext, 'db' | 'config' | 'packs'>): OutputOf<'kiosk:status'> {
  const storeName = getSetting(ctx.db, 'store.name');
  const integrity = integrityOf(ctx.db);
  return {
    storeName,
    isSetUp: storeName !== null,
    packErrors: ctx.packs.current().errors,
    idleSeconds: ctx.config.idleSeconds,
    storage: { isOk: integrity.isOk, problem: integrity.problems[0] ?? null },
    notice: noticeFacts(ctx.db),
  };
}

/** A damaged settings table must not stop the attract screen: defaults, and face scoring said to be possible. */
function noticeFacts(db: AppContext['db']) {
  try {
    const { notSelectedDays, poolDays, unfinishedDays } = getRetention(db);
    return { retention: { notSelectedDays, poolDays, unfinishedDays }, isFaceScored: readPolicy(db).useFaceSignals };
  } catch {
    const { notSelectedDays, poolDays, unfinishedDays } = DEFAULT_RETENTION;
    return { retention: { notSelectedDays, poolDays, unfinishedDays }, isFaceScored: true };
  }
}
