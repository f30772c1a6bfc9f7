/**
 * A record as ingest holds it in memory. Ingest stores each record's payload as the text the
 * kiosk hashed; of the checked record it reads only a few fields — ids for ownership and
 * erasures, the fields the interview row folds, the receipt code and mobile for the notifier.
 * An interview.completed record is most of a batch's bytes (answers, transcripts, the score's
 * explanation), so ingest keeps just its head: the whole checked payload never has to be held,
 * copied between threads or parsed a second time. Every other kind is small and kept whole.
 *
 * Code that folds or notifies takes this type, so a full record (read back from ho_records)
 * serves as well.
 */
import type { RecordPayload, TypedRecord } from '../core/records/registry.js';

type Completed = RecordPayload<'interview.completed'>;
type Score = NonNullable<NonNullable<Completed['score']>['result']>;

/** What head office reads of an interview.completed payload while ingesting it. */
export type CompletedHead = Pick<Completed, 'v'> & {
  interview: Pick<Completed['interview'], 'id' | 'packId' | 'startedAt' | 'finishedAt' | 'receiptCode'>;
  applicant: Pick<NonNullable<Completed['applicant']>, 'id' | 'mobile'> | null;
  score: { result: Pick<Score, 'band' | 'overall'> | null } | null;
};

/** A checked record; `C` is how much of an interview.completed payload it carries. */
export type IngestRecord<C extends CompletedHead = CompletedHead> = Exclude<TypedRecord, { kind: 'interview.completed' }> | { kind: 'interview.completed'; payload: C };

/** The record as ingest keeps it (an interview.completed cut to its head; anything else as is). */
export function ingestView(r: TypedRecord): IngestRecord {
  if (r.kind !== 'interview.completed') return r;
  const { v, interview: i, applicant, score } = r.payload;
  return {
    kind: r.kind,
    payload: {
      v,
      interview: { id: i.id, packId: i.packId, startedAt: i.startedAt, finishedAt: i.finishedAt, receiptCode: i.receiptCode },
      applicant: applicant && { id: applicant.id, mobile: applicant.mobile },
      score: score && { result: score.result && { band: score.result.band, overall: score.result.overall } },
    },
  };
}

export type DerivedFields = { interviewId: string | null; applicantId: string | null; status: string };

/** The columns head office indexes a record by (and the feed's status). */
export function deriveFields(subjectId: string, r: IngestRecord): DerivedFields {
  switch (r.kind) {
    case 'interview.completed':
      return { interviewId: r.payload.interview.id, applicantId: r.payload.applicant?.id ?? null, status: 'completed' };
    case 'interview.abandoned':
      return { interviewId: r.payload.interviewId, applicantId: null, status: 'abandoned' };
    case 'decision.made':
      return { interviewId: r.payload.interviewId, applicantId: null, status: r.payload.decision };
    case 'decision.undone':
      return { interviewId: r.payload.interviewId, applicantId: null, status: 'undone' };
    case 'shift.assigned':
      return { interviewId: r.payload.interviewId, applicantId: null, status: 'scheduled' };
    case 'shift.unassigned':
      return { interviewId: r.payload.interviewId, applicantId: null, status: 'unscheduled' };
    case 'applicant.deleted':
      return { interviewId: null, applicantId: subjectId, status: 'deleted' };
    case 'human.requested':
      return { interviewId: r.payload.interviewId, applicantId: null, status: 'human_requested' };
    case 'selfid.recorded':
      return { interviewId: r.payload.interviewId, applicantId: null, status: r.kind };
    case 'notify.consent':
      return { interviewId: r.payload.interviewId, applicantId: null, status: r.payload.granted ? 'notify_consented' : 'notify_withdrawn' };
    case 'secondround.booked':
      return { interviewId: r.payload.interviewId, applicantId: null, status: 'second_round_booked' };
    case 'secondround.released':
      return { interviewId: r.payload.interviewId, applicantId: null, status: 'second_round_released' };
    case 'secondround.offered':
      return { interviewId: r.payload.interviewId, applicantId: null, status: 'second_round_offered' };
  }
}
