import type { ChannelName } from '../../shared/contract/index.js';
import { ErrorCode, KioskError } from '../../../core/errors.js';
import type { AppContext } from '../app/appContext.js';
import { appendAudit, verifyAudit } from '../audit/auditLog.js';
import { createAuthService, type AuthOptions } from '../auth/authService.js';
import type { CallContext, Handler } from '../rpc/registry.js';
import { applicantDetail } from './applicantDetail.js';
import { dashboard } from './dashboard.js';
import { decide, undoDecision } from './decisions.js';
import { deleteApplicant } from './deletion.js';
import { createLookup, storeSetting } from './lookup.js';
import { getRetention, lastRetentionRun, runRetention, setRetention, startRetentionJob } from './retention.js';
import { listSecondRoundSlots, removeSecondRoundSlot, saveSecondRoundSlot } from './secondRound.js';
import { assignShift, listShifts, removeShift, saveShift, shiftMatches, unassignShift } from './shifts.js';
import { addToPool, listPool, removeFromPool } from './talentPool.js';
import { openingTitle } from './reviewState.js';
import { getHearBack, notifyAbility, setHearBack } from '../notify/hearBack.js';

/**
 * Auth + the manager console + applicant result lookup. Installs the auth service as
 * ctx.callContext, so every call main or the bridge dispatches carries the real session role.
 */
export function registerManagerHandlers(ctx: AppContext, opts: AuthOptions & { retentionJob?: boolean } = {}) {
  const clock = opts.clock ?? (() => new Date());
  const db = ctx.db;
  const auth = createAuthService(db, opts);
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
  reg('manager:humanRequests', (i) => {
    const rows = db
      .prepare(
        `SELECT h.id, h.name, h.mobile, h.lang, h.pack_id AS packId, h.created_at AS createdAt, h.handled_at AS handledAt,
           (SELECT pack_hash FROM interviews WHERE id = h.interview_id) AS packHash,
           (SELECT hash FROM pack_snapshots WHERE pack_id = h.pack_id ORDER BY created_at DESC LIMIT 1) AS anyHash
         FROM human_requests h ${i.includeHandled ? '' : 'WHERE h.handled_at IS NULL'} ORDER BY h.handled_at IS NOT NULL, h.created_at DESC`,
      )
      .all() as { id: string; name: string; mobile: string; lang: 'zh-CN' | 'en'; packId: string | null; createdAt: string; handledAt: string | null; packHash: string | null; anyHash: string | null }[];
    const title = (packId: string | null, hash: string | null) => {
      if (hash) return openingTitle(db, hash);
      return ctx.packs.current().packs.find((p) => p.pack.id === packId)?.pack.opening.title ?? null;
    };
    return { requests: rows.map(({ packHash, anyHash, ...r }) => ({ ...r, opening: title(r.packId, packHash ?? anyHash) })) };
  });
  reg('manager:handleHumanRequest', (i, c) => {
    const actor = actorOf(c);
    const n = db.transaction(() => {
      const changed = db.prepare('UPDATE human_requests SET handled_at = ? WHERE id = ? AND handled_at IS NULL').run(clock().toISOString(), i.id).changes;
      if (changed) appendAudit(db, { actor, action: 'human_request.handled', subject: i.id });
      return changed;
    })();
    return { handled: n > 0 };
  });
  reg('manager:audit', () => {
    const v = verifyAudit(db);
    const recent = db.prepare('SELECT seq, at, actor, action, subject FROM audit_log ORDER BY seq DESC LIMIT 40').all() as { seq: number; at: string; actor: string; action: string; subject: string | null }[];
    return { isIntact: v.ok, entries: v.entries, firstBrokenSeq: v.ok ? null : v.firstBrokenSeq, recent };
  });
  reg('manager:storeInfo', () => ({ storeName: storeSetting(db, 'store.name') ?? '', storeId: storeSetting(db, 'store.id') ?? '', whatToBring: storeSetting(db, 'store.whatToBring') ?? '' }));
  reg('manager:setStoreInfo', (i, c) => {
    const actor = actorOf(c);
    db.transaction(() => {
      const put = db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value');
      put.run('store.name', i.storeName);
      put.run('store.whatToBring', i.whatToBring);
      appendAudit(db, { actor, action: 'store.updated', subject: null });
    })();
    return { saved: true };
  });

  reg('manager:hearBack', () => ({ settings: getHearBack(db), ability: notifyAbility(ctx) }));
  reg('manager:setHearBack', (i, c) => ({ settings: setHearBack(db, notifyAbility(ctx), actorOf(c), i) }));

  reg('lookup:result', (i) => lookup.result(i.mobile, i.code));
  reg('lookup:notify', (i) => lookup.setNotify(i.mobile, i.code, i.granted, notifyAbility(ctx).canSms));

  if (opts.retentionJob !== false && ctx.config.retentionJob !== false) ctx.disposers.push(startRetentionJob(db, { clock }));
  return { auth };
}
