import type { z } from 'zod';
import type { PoolEntry } from '../../shared/contract/manager.js';
import { ErrorCode, KioskError } from '../../../core/errors.js';
import type { AvailabilityCell, Day, Slot } from '../../../core/packs/packSchema.js';
import { appendAudit } from '../audit/auditLog.js';
import type { Db } from '../db/openDatabase.js';
import { requireFinishedInterview } from './applicantDetail.js';
import { openingTitle, readScore } from './reviewState.js';

type Row = { interview_id: string; pack_id: string; pack_hash: string; note: string | null; added_at: string; name: string | null; mobile: string | null; availability_json: string | null };

/** "Not now" applicants kept for future openings, searchable by opening and availability. */
export function listPool(db: Db, f: { packId?: string | null; day?: Day | null; slot?: Slot | null }): z.infer<typeof PoolEntry>[] {
  const rows = db
    .prepare(
      `SELECT p.interview_id, p.pack_id, i.pack_hash, p.note, p.added_at, a.name, a.mobile, a.availability_json
       FROM talent_pool p JOIN interviews i ON i.id = p.interview_id LEFT JOIN applicants a ON a.id = i.applicant_id
       ORDER BY p.added_at DESC`,
    )
    .all() as Row[];
  return rows
    .map((r) => ({ r, availability: (r.availability_json ? JSON.parse(r.availability_json) : []) as AvailabilityCell[] }))
    .filter(({ r, availability }) => {
      if (f.packId && r.pack_id !== f.packId) return false;
      return availability.some((c) => (!f.day || c.startsWith(`${f.day}-`)) && (!f.slot || c.endsWith(`-${f.slot}`))) || (!f.day && !f.slot);
    })
    .map(({ r, availability }) => {
      const score = readScore(db, r.interview_id, r.pack_hash);
      return {
        interviewId: r.interview_id,
        name: r.name,
        mobileTail: r.mobile?.slice(-4) ?? null,
        packId: r.pack_id,
        opening: openingTitle(db, r.pack_hash),
        availability,
        note: r.note,
        addedAt: r.added_at,
        band: score.band ?? (score.status === 'scored' ? null : 'not_scored'),
      };
    });
}

export function addToPool(db: Db, actor: string, interviewId: string, note: string | null, now: Date): boolean {
  const iv = requireFinishedInterview(db, interviewId);
  if (!iv.applicant_id) throw new KioskError(ErrorCode.Conflict, 'This interview has no contact details, so it cannot be kept for later.', { reason: 'pool.noContact' });
  db.transaction(() => {
    db.prepare('INSERT INTO talent_pool (interview_id, pack_id, note, added_by, added_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT(interview_id) DO UPDATE SET note = excluded.note').run(
      iv.id,
      iv.pack_id,
      note,
      actor,
      now.toISOString(),
    );
    appendAudit(db, { actor, action: 'pool.added', subject: iv.id });
  })();
  return true;
}

export function removeFromPool(db: Db, actor: string, interviewId: string): boolean {
  db.transaction(() => {
    if (db.prepare('DELETE FROM talent_pool WHERE interview_id = ?').run(interviewId).changes) appendAudit(db, { actor, action: 'pool.removed', subject: interviewId });
  })();
  return false;
}
