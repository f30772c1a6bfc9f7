/**
 * Self-identification at head office. 'selfid.recorded' records never enter ho_records (so
 * they are not in the HR feed, not in the folded interview rows, and not in anything scoring
 * or refit reads): they go to ho_selfid, read only by the adverse-impact reports. Idempotent
 * by record id like every other record; a later answer for the same interview replaces an
 * earlier one (the kiosk lets the applicant change it).
 */
import type { SyncRecord } from '../../core/sync/protocol.js';
import type { RecordPayload } from '../../core/records/registry.js';
import { erasedOnArrival } from '../interviews.js';
import type { Queryable } from '../store/types.js';

export type SelfIdIngest = 'accepted' | 'duplicate' | { reason: string };

export async function ingestSelfId(
  q: Queryable,
  r: Pick<SyncRecord, 'id' | 'contentHash'>,
  p: RecordPayload<'selfid.recorded'>,
  kiosk: { id: string; store_id: string },
  kioskOrder: number,
  now: string,
): Promise<SelfIdIngest> {
  const existing = await q.get<{ content_hash: string; kiosk_id: string }>('SELECT content_hash, kiosk_id FROM ho_selfid WHERE record_id = ?', [r.id]);
  if (existing) return existing.content_hash === r.contentHash && existing.kiosk_id === kiosk.id ? 'duplicate' : { reason: 'record id already received with different content' };
  const interviewId = p.interviewId;
  // Deleted on request before this arrived: keep nothing (a replay is skipped the same way).
  if (await erasedOnArrival(q, null, interviewId)) return 'accepted';
  await q.run(
    `INSERT INTO ho_selfid (interview_id, record_id, content_hash, kiosk_id, store_id, kiosk_order, gender, age_band, received_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (interview_id) DO UPDATE SET record_id = excluded.record_id, content_hash = excluded.content_hash, gender = excluded.gender,
       age_band = excluded.age_band, kiosk_order = excluded.kiosk_order, received_at = excluded.received_at
     WHERE ho_selfid.kiosk_order < excluded.kiosk_order`,
    [interviewId, r.id, r.contentHash, kiosk.id, kiosk.store_id, kioskOrder, p.gender, p.ageBand, now],
  );
  return 'accepted';
}

/** After a tombstone: the self-ID and outcomes of the erased interviews go too. */
export async function forgetFairnessData(q: Queryable, interviewIds: string[]): Promise<void> {
  for (const id of interviewIds) {
    await q.run('DELETE FROM ho_selfid WHERE interview_id = ?', [id]);
    await q.run('DELETE FROM ho_outcomes WHERE interview_id = ?', [id]);
  }
}
