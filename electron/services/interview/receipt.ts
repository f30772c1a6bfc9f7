import QRCode from 'qrcode';
import type { Lang } from '../../../core/packs/packSchema.js';
import { resultPageLink } from '../../../core/sync/protocol.js';
import type { FinishResult } from '../../shared/contract/interview.js';
import type { HearBack } from '../../shared/contract/notify.js';
import type { AppContext } from '../app/appContext.js';
import type { Db } from '../db/openDatabase.js';
import { effectiveHearBack, notifyAbility, type NotifyAbility } from '../notify/hearBack.js';
import type { z } from 'zod';

export type Receipt = Pick<z.infer<typeof FinishResult>, 'receiptCode' | 'qrSvg' | 'hearBack' | 'canSms' | 'mobileTail'>;

/** A call or an SMS needs a number: without one the only true promise is the look-up here. */
export const reachable = (h: HearBack, mobile: string | null): HearBack => (h.channel !== 'kiosk' && !mobile ? { ...h, channel: 'kiosk' } : h);

const mobileOf = (db: Db, interviewId: string): string | null =>
  (db.prepare('SELECT a.mobile FROM interviews i JOIN applicants a ON a.id = i.applicant_id WHERE i.id = ?').get(interviewId) as { mobile: string | null } | undefined)?.mobile ?? null;

/**
 * What the finish screen hands the applicant with their result code: the QR that opens head
 * office's result page for this store (without one there is no QR, only the code and where to use
 * it: this kiosk's "check my result"), the promise of when and how they hear back as true for this
 * kiosk, whether an SMS can be offered, and the last 4 digits of the number it would go to.
 * A practice interview has no code and promises nothing.
 */
export async function finishReceipt(ctx: Pick<AppContext, 'db' | 'config'>, interview: { id: string; lang: Lang; receiptCode: string | null; isPractice: boolean; db: Db }): Promise<Receipt> {
  if (interview.isPractice) return { receiptCode: null, qrSvg: null, hearBack: null, canSms: false, mobileTail: null };
  const ability = notifyAbility(ctx);
  const code = interview.receiptCode;
  const mobile = mobileOf(interview.db, interview.id);
  return {
    receiptCode: code,
    qrSvg: code ? await resultPageQr(ability, code, interview.lang) : null,
    hearBack: reachable(effectiveHearBack(ctx.db, ability), mobile),
    canSms: ability.canSms && mobile !== null,
    mobileTail: mobile ? mobile.slice(-4) : null,
  };
}

/** The QR that opens head office's result page for this result code, or null when the store has none. */
export async function resultPageQr(ability: NotifyAbility, code: string, lang: Lang): Promise<string | null> {
  const link = ability.resultUrl ? resultPageLink(ability.resultUrl, code, lang) : null;
  return link ? QRCode.toString(link, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' }) : null;
}
