import fc from 'fast-check';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { verifyAudit } from '../../../electron/services/audit/auditLog.js';
import { call, PUBLIC, type CallContext } from '../../../electron/services/rpc/registry.js';
import type { ChannelSpec } from '../../../electron/shared/contract/define.js';
import { channelNames, contract } from '../../../electron/shared/contract/index.js';
import { ErrorCode } from '../../../core/errors.js';
import { FOUNDATION_PACKS, PROFILE, tempKiosk } from '../../integration/helpers/tempKiosk.js';

/**
 * Every contract channel, fed random and garbage inputs through the real kiosk app (encrypted
 * SQLite in a temp dir, real migrations, every real handler) exactly as main's IPC handler and
 * the bridge pass them on. Properties: dispatch never throws; the answer is always a cloneable
 * {ok,value} or {ok:false,error:{code,message}}; input the schema refuses is INVALID_INPUT and
 * never reaches a handler; locked channels say UNAUTHORIZED; and nothing stored before is lost.
 */
const specs = contract as unknown as Record<string, ChannelSpec>;
const CODES = new Set<string>(Object.values(ErrorCode));
const MANAGER: CallContext = { role: 'manager', sessionId: 'property-test', userName: 'property-test' };
const RUNS = Number(process.env.PROPERTY_RUNS ?? 40);

let kiosk: ReturnType<typeof tempKiosk>;
let before: Map<string, Set<string>>;
/** How many random inputs passed validation and ran a real handler, per public channel. */
const handledBy = new Map<string, number>();

function snapshot(): Map<string, Set<string>> {
  const tables = kiosk.db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all() as { name: string }[];
  return new Map(tables.map(({ name }) => [name, new Set((kiosk.db.prepare(`SELECT * FROM "${name}"`).all() as unknown[]).map((r) => JSON.stringify(r)))]));
}

beforeAll(async () => {
  kiosk = tempKiosk();
  // Stored data that random calls must not lose: an applicant part-way through, a human request.
  const pack = JSON.parse(fs.readFileSync(path.join(FOUNDATION_PACKS, 'test-sorter.json'), 'utf8')) as { knockouts: { id: string; kind: string }[] };
  const confirmations = Object.fromEntries(pack.knockouts.filter((k) => k.kind === 'confirm').map((k) => [k.id, true]));
  const started = await call(kiosk.registry, 'interview:start', { packId: 'test-sorter', lang: 'zh-CN', isPractice: false, consent: { data: true, camera: false, noticeVersion: '1' } });
  await call(kiosk.registry, 'interview:profile', {
    interviewId: started.interviewId,
    profile: { ...PROFILE, availability: [...PROFILE.availability], industries: [...PROFILE.industries] },
    confirmations,
  });
  await call(kiosk.registry, 'interview:humanRequest', { interviewId: null, packId: null, name: '李四', mobile: '13900001111', lang: 'zh-CN' });
  before = snapshot();
  expect(before.get('applicants')?.size).toBeGreaterThan(0);
  expect(before.get('human_requests')?.size).toBeGreaterThan(0);
});
afterAll(async () => {
  await kiosk?.cleanup();
});

const anyValue = fc.anything({
  maxDepth: 3,
  maxKeys: 6,
  withBigInt: true,
  withDate: true,
  withMap: true,
  withSet: true,
  withTypedArray: true,
  withSparseArray: true,
  withNullPrototype: true,
  withBoxedValues: true,
});
const garbage = fc.oneof(
  anyValue,
  fc.string({ maxLength: 200 }),
  fc.constantFrom(null, undefined, {}, [], '', 0, -1, Number.NaN, Infinity, true),
  fc.constantFrom(JSON.parse('{"__proto__":{"polluted":true}}'), JSON.parse('{"constructor":{"prototype":{"polluted":true}}}')),
);
/** Objects with the schema's own keys and random values: exercises field-level validation. */
function shaped(spec: ChannelSpec): fc.Arbitrary<unknown> {
  const shape = (spec.input as unknown as { shape?: Record<string, unknown> }).shape;
  if (!shape) return garbage;
  const field = fc.oneof(anyValue, fc.string({ maxLength: 80 }), fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.constant('x'.repeat(20_000)));
  const keys = Object.keys(shape);
  return fc
    .tuple(fc.record(Object.fromEntries(keys.map((k) => [k, field])), { requiredKeys: [] }), fc.option(fc.dictionary(fc.string({ maxLength: 12 }), field, { maxKeys: 2 })))
    .map(([o, extra]) => ({ ...o, ...(extra ?? {}) }));
}

function expectResult(r: unknown): asserts r is { ok: true; value: unknown } | { ok: false; error: { code: string; message: string } } {
  expect(r).toBeTypeOf('object');
  const x = r as { ok: unknown; error?: { code: unknown; message: unknown } };
  if (x.ok === true) {
    expect(x).toHaveProperty('value');
  } else {
    expect(x.ok).toBe(false);
    expect(CODES.has(String(x.error?.code)), `unknown error code ${String(x.error?.code)}`).toBe(true);
    expect(typeof x.error?.message === 'string' && x.error.message.length > 0).toBe(true);
  }
  // Electron IPC and the bridge both serialise the answer.
  expect(() => structuredClone(r)).not.toThrow();
}

const inputValid = (spec: ChannelSpec, input: unknown) => spec.input.safeParse(input ?? {}).success;

describe('contract inputs (property)', () => {
  test('every channel is covered', () => {
    expect(channelNames.length).toBeGreaterThan(10);
  });

  test.each(channelNames.map((n) => [n]))('%s: as the public kiosk screen, any input gets a clear answer', async (name) => {
    const spec = specs[name]!;
    await fc.assert(
      fc.asyncProperty(fc.oneof(garbage, shaped(spec)), async (input) => {
        const r = await kiosk.registry.dispatch(name, input, PUBLIC);
        expectResult(r);
        if (spec.role !== 'public') {
          expect(r).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
        } else if (!inputValid(spec, input)) {
          expect(r).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
        } else {
          handledBy.set(name, (handledBy.get(name) ?? 0) + 1);
          // A handler may refuse (NOT_FOUND, CONFLICT …) but must not crash.
          if (!r.ok) expect(r.error.code, r.error.message).not.toBe('INTERNAL');
        }
      }),
      { numRuns: RUNS },
    );
  });

  test.each(channelNames.map((n) => [n]))('%s: even with a manager session, input the schema refuses never reaches a handler', async (name) => {
    const spec = specs[name]!;
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(garbage, shaped(spec)).filter((i) => !inputValid(spec, i)),
        async (input) => {
          const r = await kiosk.registry.dispatch(name, input, MANAGER);
          expectResult(r);
          expect(r).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
        },
      ),
      { numRuns: RUNS },
    );
  });

  test('names outside the contract are UNKNOWN_CHANNEL', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.string(), fc.constantFrom('__proto__', 'constructor', 'toString', 'hasOwnProperty', 'interview:start ', 'INTERVIEW:START')), async (name) => {
        fc.pre(!channelNames.includes(name as never));
        const r = await kiosk.registry.dispatch(name, {}, MANAGER);
        expectResult(r);
        expect(r).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
      }),
      { numRuns: RUNS * 5 },
    );
  });

  test('random inputs did reach real handlers (the properties above are not vacuous)', () => {
    for (const name of ['packs:list', 'kiosk:status', 'interview:resume', 'auth:status']) expect(handledBy.get(name) ?? 0, name).toBeGreaterThan(0);
    process.stderr.write(`contract property: valid random inputs handled per channel: ${JSON.stringify(Object.fromEntries(handledBy))}\n`);
  });

  test('afterwards: nothing stored before is lost or changed, the audit chain holds, no prototype was polluted', () => {
    const after = snapshot();
    for (const [table, rows] of before) {
      const now = after.get(table);
      expect(now, `table ${table} still exists`).toBeDefined();
      const missing = [...rows].filter((r) => !now!.has(r));
      expect(missing, `rows of ${table} lost or changed`).toEqual([]);
    }
    expect(verifyAudit(kiosk.db)).toMatchObject({ ok: true });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
  });
});
