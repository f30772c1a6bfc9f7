import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { describeType } from '../../../core/records/describe.js';
import { parseRecord, RECORD_KINDS, RECORDS } from '../../../core/records/registry.js';
import { DOC, withRecordBlock } from '../../../scripts/syncRecordsDoc.js';

const decision = { v: 1, decisionId: 'd1', interviewId: 'iv1', decision: 'pass', recommendation: null, isOverride: false, reason: null, decidedBy: 'm', decidedAt: '2026-12-01T10:00:00.000Z' };

describe('sync record schemas (core/records)', () => {
  it('docs/sync.md lists exactly the record kinds, versions and fields of the schemas', () => {
    const doc = fs.readFileSync(DOC, 'utf8');
    expect(withRecordBlock(doc), 'run: npx tsx scripts/syncRecordsDoc.ts').toBe(doc);
    for (const kind of RECORD_KINDS) expect(doc).toContain(`| \`${kind}\` | ${RECORDS[kind].version} |`);
  });

  it('reads a valid record into its type, and fills nothing in that it was not given', () => {
    const r = parseRecord('decision.made', decision);
    expect(r).toEqual({ ok: true, record: { kind: 'decision.made', payload: decision } });
  });

  it('a kind or newer version this side does not know is "unknown" (wait for an update), never guessed at', () => {
    expect(parseRecord('outcome.recorded', { v: 1 })).toMatchObject({ ok: false, problem: 'unknown', reason: expect.stringContaining('unknown record kind "outcome.recorded"') });
    expect(parseRecord('decision.made', { ...decision, v: 2 })).toMatchObject({ ok: false, problem: 'unknown', reason: 'decision.made record of version 2; this software reads version 1' });
  });

  it('an unversioned or malformed record is "unreadable", with the field that is wrong', () => {
    const { v: _v, ...legacy } = decision;
    expect(parseRecord('decision.made', legacy)).toMatchObject({ ok: false, problem: 'unreadable', reason: expect.stringContaining('without a version') });
    expect(parseRecord('decision.made', { ...decision, decision: 'scheduled' })).toMatchObject({
      ok: false,
      problem: 'unreadable',
      reason: expect.stringMatching(/^invalid decision.made v1 record: decision: /),
    });
    // Strict: a field the schema does not name is drift, not data.
    expect(parseRecord('decision.made', { ...decision, shiftId: 'sat-am' })).toMatchObject({ ok: false, problem: 'unreadable' });
    expect(parseRecord('selfid.recorded', null)).toMatchObject({ ok: false, problem: 'unreadable' });
  });

  it('interview.completed: v2 carries the talent-pool consent; v1 (older kiosks) is still read, the consent as null; v2 without it or v1 with it is refused', () => {
    const interview = {
      id: 'iv1',
      packId: 'cashier',
      packVersion: '2.0.1',
      lang: 'zh-CN',
      status: 'finished',
      cameraConsent: false,
      noticeVersion: 'n1',
      knockouts: null,
      knockoutProceed: null,
      receiptCode: null,
      startedAt: '2026-12-01T10:00:00.000Z',
      finishedAt: '2026-12-01T10:20:00.000Z',
    };
    const rest = { applicant: null, answers: [], followUps: [], skills: [], score: null };
    const v2 = { v: 2, interview: { ...interview, talentPoolConsent: true }, ...rest };
    expect(parseRecord('interview.completed', v2)).toEqual({ ok: true, record: { kind: 'interview.completed', payload: v2 } });
    expect(parseRecord('interview.completed', { v: 1, interview, ...rest })).toEqual({
      ok: true,
      record: { kind: 'interview.completed', payload: { ...v2, interview: { ...interview, talentPoolConsent: null } } },
    });
    expect(parseRecord('interview.completed', { ...v2, interview })).toMatchObject({
      ok: false,
      problem: 'unreadable',
      reason: expect.stringMatching(/^invalid interview.completed v2 record: interview.talentPoolConsent: /),
    });
    expect(parseRecord('interview.completed', { ...v2, v: 1 })).toMatchObject({
      ok: false,
      problem: 'unreadable',
      reason: expect.stringMatching(/^invalid interview.completed v1 record: interview: Unrecognized key/),
    });
    expect(parseRecord('interview.completed', { ...v2, v: 3 })).toMatchObject({ ok: false, problem: 'unknown' });
  });

  it('describes types compactly for the document', () => {
    expect(describeType(z.array(z.strictObject({ a: z.string(), b: z.number() })).nullable())).toBe('[{a, b}]|null');
    expect(describeType(z.strictObject({ a: z.string(), b: z.enum(['x', 'y']) }))).toBe('{a, b}');
    expect(describeType(z.enum(['x', 'y']).optional())).toBe('x|y?');
  });
});
