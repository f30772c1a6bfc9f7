import type { z } from 'zod';
import type { RetentionRun, RetentionSettings } from '../../shared/contract/manager.js';
import { DEFAULT_RETENTION, getSetting, setSetting } from '../app/settings.js';
import { appendAudit } from '../audit/auditLog.js';
import type { Db } from '../db/openDatabase.js';
import { redactedPayload } from '../sync/outbox.js';
import { createLogger } from '../../../core/logger.js';
import { purge, scrubAfterDelete } from './deletion.js';

const log = createLogger('retention');
type Settings = z.infer<typeof RetentionSettings>;

export { DEFAULT_RETENTION };
const DAY = 86_400_000;

/** The store's periods (settings key 'retention'; a period saved before it existed takes its default). */
export const getRetention = (db: Db): Settings => getSetting(db, 'retention');

export function setRetention(db: Db, actor: string, s: Settings): Settings {
  db.transaction(() => {
    setSetting(db, 'retention', s);
    appendAudit(db, { actor, action: 'retention.changed', subject: null, detail: s });
  })();
  return s;
}

export const lastRetentionRun = (db: Db): z.infer<typeof RetentionRun> | null => getSetting(db, 'retention.lastRun');

/**
 * Applies the store's retention settings once. Not selected (and not kept in the talent pool)
 * → deleted N days after the decision; pool entries after their own period; interviews never
 * finished after theirs; handled "human interview" requests after theirs. Passed/scheduled
 * applicants and undecided finished interviews are never removed by this job.
 */
export function runRetention(db: Db, now: Date): z.infer<typeof RetentionRun> {
  const s = getRetention(db);
  const ago = (days: number) => new Date(now.getTime() - days * DAY).toISOString();
  const notSelected = db
    .prepare(
      `SELECT d.interview_id AS id FROM decisions d
       WHERE d.undone_at IS NULL AND d.decision = 'fail' AND d.decided_at < ?
         AND d.rowid = (SELECT d2.rowid FROM decisions d2 WHERE d2.interview_id = d.interview_id AND d2.undone_at IS NULL ORDER BY d2.decided_at DESC, d2.rowid DESC LIMIT 1)
         AND d.interview_id NOT IN (SELECT interview_id FROM talent_pool)`,
    )
    .all(ago(s.notSelectedDays)) as { id: string }[];
  const pool = db
    .prepare(
      `SELECT p.interview_id AS id FROM talent_pool p WHERE p.added_at < ?
         AND NOT EXISTS (SELECT 1 FROM decisions d WHERE d.interview_id = p.interview_id AND d.undone_at IS NULL AND d.decision = 'pass')`,
    )
    .all(ago(s.poolDays)) as { id: string }[];
  const unfinished = db.prepare(`SELECT id FROM interviews WHERE status <> 'finished' AND updated_at < ? AND id NOT IN (SELECT interview_id FROM talent_pool)`).all(ago(s.unfinishedDays)) as {
    id: string;
  }[];
  const ids = [...new Set([...notSelected, ...pool, ...unfinished].map((r) => r.id))];
  let deletedInterviews = 0;
  let deletedApplicants = 0;
  if (ids.length) {
    const applicantIds = [
      ...new Set(
        (db.prepare(`SELECT applicant_id FROM interviews WHERE id IN (${ids.map(() => '?').join(',')}) AND applicant_id IS NOT NULL`).all(...ids) as { applicant_id: string }[]).map(
          (r) => r.applicant_id,
        ),
      ),
    ];
    const r = purge(db, { interviewIds: ids, applicantIds, humanRequestIds: [] }, 'retention', 'retention', now);
    deletedInterviews = r.deletedInterviews;
    deletedApplicants = r.deletedApplicants;
  }
  const oldRequests = db.prepare('SELECT id FROM human_requests WHERE handled_at IS NOT NULL AND handled_at < ?').all(ago(s.humanRequestDays)) as { id: string }[];
  if (oldRequests.length) {
    db.transaction(() => {
      for (const { id } of oldRequests) {
        db.prepare('DELETE FROM human_requests WHERE id = ?').run(id);
        db.prepare('DELETE FROM outbox WHERE subject_id = ? AND batch_id IS NULL').run(id);
        db.prepare('UPDATE outbox SET payload = ? WHERE subject_id = ? AND batch_id IS NOT NULL').run(redactedPayload('retention'), id);
      }
      appendAudit(db, { actor: 'retention', action: 'human_requests.expired', subject: null, detail: { count: oldRequests.length } });
    })();
    scrubAfterDelete(db);
  }
  const run = { deletedApplicants, deletedInterviews, deletedHumanRequests: oldRequests.length, ranAt: now.toISOString() };
  setSetting(db, 'retention.lastRun', run);
  if (ids.length || oldRequests.length) log.info(`retention removed ${deletedInterviews} interview(s), ${oldRequests.length} request(s)`);
  return run;
}

/** Runs once shortly after start, then every 24 h. Timers are unref'd: they never hold the process open. */
export function startRetentionJob(db: Db, opts: { clock?: () => Date; intervalMs?: number; firstDelayMs?: number } = {}): () => void {
  const clock = opts.clock ?? (() => new Date());
  const tick = () => {
    try {
      runRetention(db, clock());
    } catch (e) {
      log.error('retention run failed; will retry at the next run', e);
    }
  };
  const first = setTimeout(tick, opts.firstDelayMs ?? 10_000);
  const every = setInterval(tick, opts.intervalMs ?? DAY);
  first.unref();
  every.unref();
  return () => {
    clearTimeout(first);
    clearInterval(every);
  };
}
