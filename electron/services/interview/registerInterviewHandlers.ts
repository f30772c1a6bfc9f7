import type { AppContext } from '../app/appContext.js';
import { integrityOf } from '../db/openDatabase.js';
import { DEFAULT_RETENTION, getRetention } from '../manager/retention.js';
import { readPolicy } from '../scoring/policySetting.js';
import { createInterviewService } from './interviewService.js';

export function registerInterviewHandlers(ctx: AppContext) {
  const svc = createInterviewService(ctx);
  const r = ctx.registry;
  r.register('packs:list', () => ({ openings: svc.listOpenings() }));
  r.register('interview:start', (i) => svc.start(i));
  r.register('interview:resume', () => ({ state: svc.resume() }));
  r.register('interview:state', (i) => svc.state(i.interviewId));
  r.register('interview:profile', (i) => svc.profile(i.interviewId, i.profile, i.confirmations));
  r.register('interview:acknowledgeKnockout', (i) => svc.acknowledgeKnockout(i.interviewId, i.proceed));
  r.register('interview:answer', (i) => svc.answer(i));
  r.register('interview:followUp', (i) => svc.followUp(i));
  r.register('interview:skills', (i) => svc.skills(i.interviewId, i.testId, i.responses));
  r.register('interview:finish', (i) => svc.finish(i.interviewId));
  r.register('interview:abandon', (i) => ({ abandoned: svc.abandon(i.interviewId, i.reason) }));
  r.register('interview:humanRequest', (i) => ({ requestId: svc.humanRequest(i) }));
  r.register('kiosk:status', () => {
    const storeName = (ctx.db.prepare(`SELECT value FROM settings WHERE key = 'store.name'`).get() as { value: string } | undefined)?.value ?? null;
    const integrity = integrityOf(ctx.db);
    return {
      storeName,
      isSetUp: storeName !== null,
      packErrors: ctx.packs.current().errors,
      idleSeconds: ctx.config.idleSeconds,
      storage: { isOk: integrity.isOk, problem: integrity.problems[0] ?? null },
      notice: noticeFacts(),
    };
  });
  /** A damaged settings table must not stop the attract screen: defaults, and face scoring said to be possible. */
  function noticeFacts() {
    try {
      const { notSelectedDays, poolDays, unfinishedDays } = getRetention(ctx.db);
      return { retention: { notSelectedDays, poolDays, unfinishedDays }, isFaceScored: readPolicy(ctx.db).useFaceSignals };
    } catch {
      const { notSelectedDays, poolDays, unfinishedDays } = DEFAULT_RETENTION;
      return { retention: { notSelectedDays, poolDays, unfinishedDays }, isFaceScored: true };
    }
  }
  ctx.disposers.push(() => svc.close());
  return svc;
}
