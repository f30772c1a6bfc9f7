/**
 * One error vocabulary (issue 15 §4): core/errors.ts's ErrorCode holds every code the kiosk's
 * contract, the sync protocol and head office put on the wire. Checked here: the enum has no
 * duplicate values and each value is its key in UPPER_SNAKE_CASE; the values kiosks in the field
 * and HR systems already read are unchanged; every code head office documents (docs/sync.md,
 * docs/fairness.md, the OpenAPI document) is in the enum and the docs' table lists exactly
 * HEAD_OFFICE_CODES; production code (core, kiosk, bridge, head office, renderer) writes codes as
 * ErrorCode constants, never as string literals; the renderer's wording keys and the sandboxed
 * preload (which cannot import) name only codes of the enum.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ErrorCode, HEAD_OFFICE_CODES, HEAD_OFFICE_ONLY_CODES } from '../../../core/errors.js';
import { openApiDocument } from '../../../headoffice/openapi.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const read = (rel: string) => fs.readFileSync(path.join(ROOT, rel), 'utf8');
const walk = (dir: string): string[] => fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]));
const values: string[] = Object.values(ErrorCode);
const isCode = (s: string) => values.includes(s);

/**
 * The wire values as kiosks and HR systems know them: written out here, not derived, so renaming
 * or re-spelling one fails this test. New codes may be added to the enum; these never change.
 */
const WIRE: Record<string, string> = {
  InvalidInput: 'INVALID_INPUT',
  UnknownChannel: 'UNKNOWN_CHANNEL',
  NotFound: 'NOT_FOUND',
  Conflict: 'CONFLICT',
  Forbidden: 'FORBIDDEN',
  Unauthorized: 'UNAUTHORIZED',
  LockedOut: 'LOCKED_OUT',
  RateLimited: 'RATE_LIMITED',
  PackInvalid: 'PACK_INVALID',
  DatabaseNewer: 'DATABASE_NEWER',
  DatabaseCorrupt: 'DATABASE_CORRUPT',
  DatabaseKey: 'DATABASE_KEY',
  DatabaseMissing: 'DATABASE_MISSING',
  ModelMissing: 'MODEL_MISSING',
  ModelInvalid: 'MODEL_INVALID',
  DeviceMissing: 'DEVICE_MISSING',
  DeviceDenied: 'DEVICE_DENIED',
  SyncFailed: 'SYNC_FAILED',
  SignatureInvalid: 'SIGNATURE_INVALID',
  SmsUnavailable: 'SMS_UNAVAILABLE',
  Internal: 'INTERNAL',
  BadRequest: 'BAD_REQUEST',
  Refused: 'REFUSED',
  TokenExpired: 'TOKEN_EXPIRED',
  TokenInQuery: 'TOKEN_IN_QUERY',
  EnrollmentRefused: 'ENROLLMENT_REFUSED',
  UnknownKiosk: 'UNKNOWN_KIOSK',
  KioskRevoked: 'KIOSK_REVOKED',
  BodyIncomplete: 'BODY_INCOMPLETE',
  BatchInvalid: 'BATCH_INVALID',
  SeqConflict: 'SEQ_CONFLICT',
  RecordVersionUnknown: 'RECORD_VERSION_UNKNOWN',
  OutcomesInvalid: 'OUTCOMES_INVALID',
};

/** Codes head office names with an HTTP status in prose: "400 BODY_INCOMPLETE", `403 {code: "KIOSK_REVOKED"}`, "code: OUTCOMES_INVALID", "'429': { description: 'RATE_LIMITED: …'". */
const documentedCodes = (text: string): string[] => [
  ...[...text.matchAll(/\b[45]\d\d`?\s+\{?\s*(?:code:\s*"?)?`?([A-Z][A-Z0-9_]{3,})\b/g)].map((m) => m[1]!),
  ...[...text.matchAll(/\bcode:\s*"?([A-Z][A-Z0-9_]{3,})\b/g)].map((m) => m[1]!),
  ...[...text.matchAll(/'[45]\d\d': \{[^}]*?description: '([A-Z][A-Z0-9_]{3,})\b/g)].map((m) => m[1]!),
];

describe('one error vocabulary', () => {
  it('has no duplicate values, and each value is its key in UPPER_SNAKE_CASE', () => {
    expect(new Set(values).size).toBe(values.length);
    for (const [key, value] of Object.entries(ErrorCode)) {
      expect(value, key).toBe(key.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase());
      expect(value).toMatch(/^[A-Z][A-Z0-9]*(_[A-Z0-9]+)*$/);
    }
  });

  it('keeps every wire value kiosks and HR systems already see', () => {
    expect(ErrorCode).toMatchObject(WIRE);
    expect(Object.keys(ErrorCode).length).toBeGreaterThanOrEqual(Object.keys(WIRE).length);
  });

  it('lists head office codes once each, all in the enum', () => {
    expect(new Set(HEAD_OFFICE_CODES).size).toBe(HEAD_OFFICE_CODES.length);
    for (const c of HEAD_OFFICE_CODES) expect(isCode(c), c).toBe(true);
    for (const c of HEAD_OFFICE_ONLY_CODES) expect(HEAD_OFFICE_CODES, c).toContain(c);
  });

  it('documents exactly the head office codes, and every code the docs and the OpenAPI document name is in the enum', () => {
    const sync = read('docs/sync.md');
    const section = sync.slice(sync.indexOf("## Error codes (head office's answers)"));
    const table = section
      .slice(0, section.indexOf('\n## '))
      .split('\n')
      .flatMap((l) => /^\| `([A-Z_]+)` \|/.exec(l)?.[1] ?? []);
    expect(table).toEqual([...HEAD_OFFICE_CODES]);

    const mentioned = ['docs/sync.md', 'docs/fairness.md', 'docs/security.md', 'docs/notify.md', 'headoffice/openapi.ts'].flatMap((f) => documentedCodes(read(f)).map((c) => ({ f, c })));
    expect(mentioned.length).toBeGreaterThan(15);
    expect(mentioned.filter(({ c }) => !(HEAD_OFFICE_CODES as readonly string[]).includes(c))).toEqual([]);
    // The ones kiosks act on are among them.
    for (const c of [ErrorCode.KioskRevoked, ErrorCode.BodyIncomplete, ErrorCode.RecordVersionUnknown, ErrorCode.SeqConflict, ErrorCode.RateLimited]) expect(mentioned.map((m) => m.c)).toContain(c);

    expect(openApiDocument.components.schemas.Error.properties.code.enum).toEqual([...HEAD_OFFICE_CODES]);
  });

  it('production code writes codes as ErrorCode constants, never as string literals', () => {
    const files = ['core', 'electron', 'headoffice', 'renderer']
      .flatMap(walk)
      .filter((f) => /\.(ts|tsx|cts|mts|js|mjs)$/.test(f) && !f.includes('node_modules'))
      .filter((f) => f !== path.join('core', 'errors.ts') && f !== path.join('electron', 'preload', 'preload.cts'));
    expect(files.length).toBeGreaterThan(200);
    const literals = files.flatMap((f) =>
      read(f)
        .split('\n')
        .map((line, i) => ({ line: line.trim(), at: `${f}:${i + 1}` }))
        .filter(({ line }) => !line.startsWith('//') && !line.startsWith('*'))
        .flatMap(({ line, at }) => [...line.matchAll(/(['"`])([A-Z][A-Z0-9_]+)\1/g)].filter((m) => isCode(m[2]!)).map((m) => `${at}: ${m[0]}`)),
    );
    expect(literals).toEqual([]);
  });

  it('the sandboxed preload (which cannot import core) and the renderer wording name only codes of the enum', () => {
    const preload = [...read('electron/preload/preload.cts').matchAll(/failure\('([A-Z_]+)'/g)].map((m) => m[1]!);
    expect(preload.length).toBeGreaterThanOrEqual(3);
    for (const c of preload) expect(isCode(c), c).toBe(true);

    const keys = walk('renderer/i18n/locales')
      .filter((f) => f.endsWith('.json'))
      .flatMap((f) => {
        const flat = (o: unknown, prefix: string): string[] => (typeof o === 'object' && o !== null ? Object.entries(o).flatMap(([k, v]) => flat(v, prefix ? `${prefix}.${k}` : k)) : [prefix]);
        const ns = path.basename(f, '.json');
        return flat(JSON.parse(read(f)), ns);
      });
    const worded = keys.flatMap((k) => /^(?:common\.errors|manager\.errors\.code)\.([A-Z_]+)$/.exec(k)?.[1] ?? []);
    expect(worded.length).toBeGreaterThan(10);
    for (const c of worded) expect(isCode(c), c).toBe(true);
  });
});
