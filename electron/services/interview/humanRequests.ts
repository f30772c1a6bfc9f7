import type { PackLoadResult } from '../../../core/packs/loadPacks.js';
import type { Lang, LocalText } from '../../../core/packs/packSchema.js';
import { ulid } from '../../../core/ids.js';
import { appendAudit } from '../audit/auditLog.js';
import type { Db } from '../db/openDatabase.js';
import { openingTitle } from '../manager/reviewState.js';
import { enqueueOutbox } from '../sync/outbox.js';

/**
 * "Talk to a person instead": an applicant leaves a name and mobile for the store to call back
 * (from the start screen, or during an interview). The store's console lists the requests and
 * marks them handled; head office gets each as a `human.requested` record.
 */
export type HumanRequestInput = {
  /** The interview it was made from, only when that interview is a real one on this kiosk (never a practice one). */
  interviewId: string | null;
  packId: string | null;
  name: string;
  mobile: string;
  lang: Lang;
};

/** Stores the request, its audit entry and its sync record in one transaction; returns its id. */
export function recordHumanRequest(db: Db, input: HumanRequestInput, now: Date): string {
  const id = ulid();
  db.transaction(() => {
    db.prepare('INSERT INTO human_requests (id, interview_id, pack_id, name, mobile, lang, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
      id,
      input.interviewId,
      input.packId,
      input.name,
      input.mobile,
      input.lang,
      now.toISOString(),
    );
    appendAudit(db, { actor: 'applicant', action: 'human.requested', subject: id, detail: { packId: input.packId } }, now);
    enqueueOutbox(db, 'human.requested', id, { v: 1, requestId: id, interviewId: input.interviewId, packId: input.packId, name: input.name, mobile: input.mobile, lang: input.lang }, now);
  })();
  return id;
}

export type HumanRequestView = { id: string; name: string; mobile: string; lang: Lang; packId: string | null; createdAt: string; handledAt: string | null; opening: LocalText | null };

/**
 * The requests for the console, open ones first, newest first. The opening's title comes from
 * the pack the interview was taken with, else the newest snapshot of that pack, else the pack
 * loaded now (a request from the start screen before any interview of it).
 */
export function listHumanRequests(db: Db, opts: { includeHandled: boolean }, packs: PackLoadResult): HumanRequestView[] {
  const rows = db
    .prepare(
      `SELECT h.id, h.name, h.mobile, h.lang, h.pack_id AS packId, h.created_at AS createdAt, h.handled_at AS handledAt,
         (SELECT pack_hash FROM interviews WHERE id = h.interview_id) AS packHash,
         (SELECT hash FROM pack_snapshots WHERE pack_id = h.pack_id ORDER BY created_at DESC LIMIT 1) AS anyHash
       FROM human_requests h ${opts.includeHandled ? '' : 'WHERE h.handled_at IS NULL'} ORDER BY h.handled_at IS NOT NULL, h.created_at DESC`,
    )
    .all() as (Omit<HumanRequestView, 'opening'> & { packHash: string | null; anyHash: string | null })[];
  const title = (packId: string | null, hash: string | null): LocalText | null => {
    if (hash) return openingTitle(db, hash);
    return packs.packs.find((p) => p.pack.id === packId)?.pack.opening.title ?? null;
  };
  return rows.map(({ packHash, anyHash, ...r }) => ({ ...r, opening: title(r.packId, packHash ?? anyHash) }));
}

/** Marks an open request handled (audited); false when it is unknown or was handled already. */
export function markHumanRequestHandled(db: Db, actor: string, id: string, now: Date): boolean {
  return db.transaction(() => {
    const changed = db.prepare('UPDATE human_requests SET handled_at = ? WHERE id = ? AND handled_at IS NULL').run(now.toISOString(), id).changes;
    if (changed) appendAudit(db, { actor, action: 'human_request.handled', subject: id }, now);
    return changed > 0;
  })();
}
