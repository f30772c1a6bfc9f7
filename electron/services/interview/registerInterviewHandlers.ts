import type { AppContext } from '../app/appContext.js';
import { createInterviewService } from './interviewService.js';
import { kioskStatus } from './kioskStatus.js';

/** The applicant's screens: openings, the interview's steps, call-back requests, and the attract screen's status. */
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
  r.register('kiosk:status', () => kioskStatus(ctx));
  ctx.disposers.push(() => svc.close());
  return svc;
}
