import type { ChannelName } from '../../shared/contract/index.js';
import { ErrorCode, KioskError } from '../../../core/errors.js';
import type { AppContext } from '../app/appContext.js';
import { createAuthService, type AuthOptions } from '../auth/authService.js';
import type { CallContext, Handler } from '../rpc/registry.js';
import { applicantDetail } from './applicantDetail.js';
import { dashboard } from './dashboard.js';
import { decide, undoDecision } from './decisions.js';
import { deleteApplicant } from './deletion.js';
import { createLookup } from './lookup.js';
import { getRetention, lastRetentionRun, runRetention, setRetention, startRetentionJob } from './retention.js';
import { listSecondRoundSlots, removeSecondRoundSlot, saveSecondRoundSlot } from './secondRound.js';
import { assignShift, listShifts, removeShift, saveShift, shiftMatches, unassignShift } from './shifts.js';
import { addToPool, listPool, removeFromPool } from './talentPool.js';
import { auditSummary } from './auditSummary.js';
import { getStoreInfo, setStoreInfo } from './storeInfo.js';
import { listHumanRequests, markHumanRequestHandled } from '../interview/humanRequests.js';
import { getHearBack, notifyAbility, setHearBack } from '../notify/hearBack.js';
import { resultPageQr } from '../interview/receipt.js';
import { normalizeReceiptCode } from '../../../core/ids.js';

/**
 * Auth + the manager console + applicant result lookup. Installs the auth service as
 * ctx.callContext, so every call main or the bridge dispatches carries the real session role.
 */
export function registerManagerHandlers(ctx: AppContext, opts: AuthOptions & { retentionJob?: false | { firstDelayMs?: number; intervalMs?: number } } = {}) {
  const clock = opts.clock ?? ctx.clock;
  const db = ctx.db;
  const auth = createAuthService(db, { ...opts, clock });
  ctx.callContext = () => auth.callContext();
  const lookup = createLookup(db, clock);

  const actorOf = (c: CallContext): string => {
    if (!c.userName) throw new KioskError(ErrorCode.Unauthorized, 'Please unlock the manager console with your PIN first.', { reason: 'session.locked' });
    return c.userName;
  };
  /** Every console call counts as activity, so the auto-lock only fires when nobody is using it. */
  function reg<K extends ChannelName>(name: K, h: Handler<K>) {
    ctx.registry.register(name, ((i, c) => {
      if (c.role !== 'public') auth.touch();
      return h(i, c);
    }) as Handler<K>);
  }

  reg('auth:status', () => auth.status());
  reg('auth:setup', (i) => auth.setup(i));
  reg('auth:unlock', (i) => auth.unlock(i.userId, i.pin));
  reg('auth:lock', () => auth.lock());
  reg('auth:touch', () => ({ idleSeconds: auth.status().session?.idleSeconds ?? 0 }));
  reg('auth:users', () => ({ users: auth.users() }));
  reg('auth:addUser', (i, c) => ({ id: auth.addUser(actorOf(c), i) }));
  reg('auth:removeUser', (i, c) => ({ removed: auth.removeUser(actorOf(c), i.id) }));
  reg('auth:changePin', (i) => ({ changed: auth.changePin(i.currentPin, i.newPin) }));
  reg('auth:setStaffPin', (i, c) => ({ changed: auth.setStaffPin(actorOf(c), i.userId, i.newPin) }));

  reg('manager:dashboard', (i) => dashboard(db, i, clock()));
  reg('manager:applicant', (i) => applicantDetail(db, i.interviewId, clock()));
  reg('manager:decide', (i, c) => decide(db, actorOf(c), { ...i, hasPhonePage: notifyAbility(ctx).resultUrl !== null }, clock()));
  reg('manager:undoDecision', (i, c) => ({ undone: undoDecision(db, actorOf(c), i.decisionId, clock()) }));
  reg('manager:secondRoundSlots', () => ({ slots: listSecondRoundSlots(db, clock()), canOffer: notifyAbility(ctx).resultUrl !== null }));
  reg('manager:saveSecondRoundSlot', (i, c) => saveSecondRoundSlot(db, actorOf(c), i, clock()));
  reg('manager:removeSecondRoundSlot', (i, c) => ({ removed: removeSecondRoundSlot(db, actorOf(c), i.slotId, clock()) }));
  reg('manager:shifts', () => ({ shifts: listShifts(db) }));
  reg('manager:saveShift', (i, c) => saveShift(db, actorOf(c), i, clock()));
  reg('manager:removeShift', (i, c) => ({ removed: removeShift(db, actorOf(c), i.shiftId, clock()) }));
  reg('manager:shiftMatches', (i) => ({ matches: shiftMatches(db, i.interviewId) }));
  reg('manager:assignShift', (i, c) => assignShift(db, actorOf(c), i, clock()));
  reg('manager:unassignShift', (i, c) => unassignShift(db, actorOf(c), i.interviewId, i.shiftId, clock()));
  reg('manager:pool', (i) => ({ entries: listPool(db, i) }));
  reg('manager:poolAdd', (i, c) => ({ inPool: addToPool(db, actorOf(c), i.interviewId, i.note, clock()) }));
  reg('manager:poolRemove', (i, c) => ({ inPool: removeFromPool(db, actorOf(c), i.interviewId) }));
  reg('manager:deleteApplicant', (i, c) => {
    const r = deleteApplicant(db, actorOf(c), i.interviewId, i.reason, clock());
    return { deletedInterviews: r.deletedInterviews, tombstoneId: r.tombstoneId };
  });
  reg('manager:retention', () => ({ settings: getRetention(db), lastRun: lastRetentionRun(db) }));
  reg('manager:setRetention', (i, c) => ({ settings: setRetention(db, actorOf(c), i) }));
  reg('manager:runRetention', () => runRetention(db, clock()));
  reg('manager:humanRequests', (i) => ({ requests: listHumanRequests(db, { includeHandled: !!i.includeHandled }, ctx.packs.current()) }));
  reg('manager:handleHumanRequest', (i, c) => ({ handled: markHumanRequestHandled(db, actorOf(c), i.id, clock()) }));
  reg('manager:audit', () => auditSummary(db));
  reg('manager:storeInfo', () => getStoreInfo(db));
  reg('manager:setStoreInfo', (i, c) => {
    setStoreInfo(db, actorOf(c), i, clock());
    return { saved: true };
  });

  reg('manager:hearBack', () => ({ settings: getHearBack(db), ability: notifyAbility(ctx) }));
  reg('manager:setHearBack', (i, c) => ({ settings: setHearBack(db, notifyAbility(ctx), actorOf(c), i) }));

  reg('lookup:result', async (i) => {
    const r = lookup.result(i.mobile, i.code);
    // Offered times are chosen on head office's result page: a QR to it for this code, to scan now.
    if (r.status !== 'secondInterview' || r.offered.length === 0) return r;
    return { ...r, qrSvg: await resultPageQr(notifyAbility(ctx), normalizeReceiptCode(i.code), r.lang) };
  });
  reg('lookup:notify', (i) => lookup.setNotify(i.mobile, i.code, i.granted, notifyAbility(ctx).canSms));

  if (opts.retentionJob !== false && ctx.config.retentionJob !== false) ctx.disposers.push(startRetentionJob(db, { ...opts.retentionJob, clock }));
  return { auth };
}
