/**
 * Every record kind that crosses the sync boundary, with the version each side writes and reads
 * (docs/sync.md, "Records", is checked against this list by a test). The kiosk validates a
 * record against its schema before it enters the outbox (enqueueOutbox); head office validates
 * again on ingest: a batch holding a kind or newer version it does not know is refused whole
 * (the kiosk keeps it and retries once head office is updated); an unversioned or malformed
 * record is rejected on its own.
 *
 * Changing a record's shape means a new version: add the schema, bump `version`, and keep
 * reading the old one at head office (`older`: its schema and an upgrade to the current shape,
 * used by parseRecord) for as long as kiosks may still send it.
 */
import type { z } from 'zod';
import { HumanRequestedV1, InterviewAbandonedV1, InterviewCompletedV1, InterviewCompletedV2, upgradeInterviewCompletedV1 } from './interviewRecords.js';
import { NotifyConsentV1 } from './notifyRecords.js';
import { ApplicantDeletedV1, SelfIdRecordedV1 } from './personRecords.js';
import { DecisionMadeV1, DecisionUndoneV1, ShiftAssignedV1, ShiftUnassignedV1 } from './reviewRecords.js';
import { SecondRoundOfferedV1 } from './secondRoundOfferRecords.js';
import { SecondRoundBookedV1, SecondRoundReleasedV1 } from './secondRoundRecords.js';

/** An older version head office still reads: parsed with its own schema, then upgraded to the current shape. */
type OlderVersion = { version: number; schema: z.ZodType; upgrade: (payload: unknown) => unknown };

export const RECORDS = {
  'interview.completed': {
    version: 2,
    schema: InterviewCompletedV2,
    about:
      'a finished interview: profile, answers, follow-ups, skills results, score with its explanation, the separate talent-pool consent (`interview.talentPoolConsent`, new in v2); starts the interview row (folded status `completed`, band, overall). Head office also reads v1 (no talent-pool consent: read as null)',
    older: [{ version: 1, schema: InterviewCompletedV1, upgrade: (p: unknown) => upgradeInterviewCompletedV1(p as InterviewCompletedV1) }],
  },
  'interview.abandoned': {
    version: 1,
    schema: InterviewAbandonedV1,
    about: 'an interview that ended unfinished (idle reset, cancel, declined at a knock-out), its data already erased on the kiosk; folded status `abandoned`',
  },
  'decision.made': { version: 1, schema: DecisionMadeV1, about: "the manager's decision; the folded interview's current decision" },
  'decision.undone': { version: 1, schema: DecisionUndoneV1, about: 'the latest decision taken back; the folded decision is cleared' },
  'shift.assigned': { version: 1, schema: ShiftAssignedV1, about: 'a passed applicant put on a shift; the folded interview counts as scheduled while it has one' },
  'shift.unassigned': { version: 1, schema: ShiftUnassignedV1, about: 'that assignment removed (by the manager, or released by a new decision or an undo)' },
  'human.requested': { version: 1, schema: HumanRequestedV1, about: 'a request for an interview with a person; feed status `human_requested`' },
  'applicant.deleted': { version: 1, schema: ApplicantDeletedV1, about: 'deletion on request (tombstone): head office erases the payloads of everything listed (see Tombstones)' },
  'selfid.recorded': { version: 1, schema: SelfIdRecordedV1, about: 'optional self-identification: only into `ho_selfid`, never the feed, interview rows or scoring inputs (docs/fairness.md)' },
  'notify.consent': {
    version: 1,
    schema: NotifyConsentV1,
    about: 'consent (or its withdrawal) to be sent the result by SMS/WeChat on the mobile given; without a grant head office sends nothing (docs/notify.md)',
  },
  'secondround.booked': {
    version: 1,
    schema: SecondRoundBookedV1,
    about: 'a "second interview" decision booked on one of the store\'s second-round slots (date, start, place note); the notification and the phone page show the slot (docs/notify.md)',
  },
  'secondround.released': { version: 1, schema: SecondRoundReleasedV1, about: 'that booking no longer stands (cancelled by the manager, or its decision undone or replaced)' },
  'secondround.offered': {
    version: 1,
    schema: SecondRoundOfferedV1,
    about:
      'a "second interview" decision offering 2–6 of the store\'s second-round slots for the applicant to choose one on the phone page (each held on the kiosk until then); head office takes one pick per decision while it is in force, the kiosk fetches it and books it (`secondround.booked` by "applicant") (docs/notify.md)',
  },
} as const satisfies Record<string, { version: number; schema: z.ZodType; about: string; older?: readonly OlderVersion[] }>;

export type RecordKind = keyof typeof RECORDS;
export const RECORD_KINDS = Object.keys(RECORDS) as RecordKind[];
/** A record payload as stored and read (defaults applied). */
export type RecordPayload<K extends RecordKind> = z.output<(typeof RECORDS)[K]['schema']>;
/** A record payload as a builder writes it (fields with defaults may be left out). */
export type RecordInput<K extends RecordKind> = z.input<(typeof RECORDS)[K]['schema']>;
/** A record of any kind, narrowed by `kind`. */
export type TypedRecord = { [K in RecordKind]: { kind: K; payload: RecordPayload<K> } }[RecordKind];

export const isRecordKind = (kind: string): kind is RecordKind => Object.hasOwn(RECORDS, kind);

export type ParseProblem =
  /** A kind this software does not know, or a newer version of one: written by newer software. */
  | 'unknown'
  /** Known kind, but no version (written before records were versioned), an old version no longer read, or a payload that does not match its schema. */
  | 'unreadable';
export type ParseResult = { ok: true; record: TypedRecord } | { ok: false; problem: ParseProblem; reason: string };

const invalid = (kind: string, v: number, error: z.ZodError): ParseResult => {
  const issue = error.issues[0];
  return { ok: false, problem: 'unreadable', reason: `invalid ${kind} v${v} record: ${issue ? `${issue.path.join('.') || '(payload)'}: ${issue.message}` : 'does not match its schema'}` };
};

/** Reads a record payload against its kind's schema; the reason says what a person should do. */
export function parseRecord(kind: string, payload: unknown): ParseResult {
  if (!isRecordKind(kind)) return { ok: false, problem: 'unknown', reason: `unknown record kind "${kind.slice(0, 64)}" (this software knows ${RECORD_KINDS.join(', ')})` };
  const entry = RECORDS[kind];
  const v = payload && typeof payload === 'object' ? (payload as { v?: unknown }).v : undefined;
  if (typeof v !== 'number')
    return { ok: false, problem: 'unreadable', reason: `${kind} record without a version (written before records were versioned); this software reads version ${entry.version}` };
  const older = 'older' in entry ? (entry.older as readonly OlderVersion[]).find((o) => o.version === v) : undefined;
  if (older) {
    const old = older.schema.safeParse(payload);
    if (!old.success) return invalid(kind, v, old.error);
    return { ok: true, record: { kind, payload: entry.schema.parse(older.upgrade(old.data)) } as TypedRecord };
  }
  if (v !== entry.version) {
    return { ok: false, problem: v > entry.version ? 'unknown' : 'unreadable', reason: `${kind} record of version ${v}; this software reads version ${entry.version}` };
  }
  const parsed = entry.schema.safeParse(payload);
  if (!parsed.success) return invalid(kind, entry.version, parsed.error);
  return { ok: true, record: { kind, payload: parsed.data } as TypedRecord };
}

/** Like parseRecord for one expected kind; throws with the reason (kiosk side: a bug in a builder). */
export function parseRecordAs<K extends RecordKind>(kind: K, payload: unknown): RecordPayload<K> {
  const r = parseRecord(kind, payload);
  if (!r.ok) throw new Error(r.reason);
  return r.record.payload as RecordPayload<K>;
}
