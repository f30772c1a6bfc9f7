import { z } from 'zod';
import { DEFAULT_POLICY, ScoringPolicy } from '../../../core/scoring/policy.js';
import { RetentionRun, RetentionSettings } from '../../shared/contract/manager.js';
import { HearBack, HearBackChannel } from '../../shared/contract/notify.js';
import { SelfIdQuestion } from '../../shared/contract/selfid.js';
import type { Db } from '../db/openDatabase.js';
import { DEFAULT_SELFID } from '../selfid/defaultQuestions.js';

/**
 * The kiosk's settings table (key TEXT PRIMARY KEY, value TEXT NOT NULL), typed. Every key the
 * kiosk reads or writes is declared here with how its value is kept (the text itself, or JSON),
 * the schema it is read through, what a missing row means, and what a value that no longer reads
 * means. The stored forms are the ones the earlier ad-hoc readers and writers used, so existing
 * databases read unchanged (no migration).
 */
type Spec<T> = {
  /** 'text': the value is the column's text; 'json': JSON text. */
  encoding: 'text' | 'json';
  /** Reads the decoded value (a partial stored setting is completed here). */
  schema: z.ZodType<T>;
  /** A missing row. */
  fallback: T;
  /**
   * A row that does not read: 'fallback' where the fallback is the safe choice (the strictest
   * scoring policy), 'throw' where guessing would be wrong (retention periods decide deletions).
   */
  whenDamaged: 'fallback' | 'throw';
};

const text = <T extends string = string>(schema: z.ZodType<T> = z.string() as unknown as z.ZodType<T>): Spec<T | null> => ({ encoding: 'text', schema, fallback: null, whenDamaged: 'fallback' });
const json = <T>(schema: z.ZodType<T>, fallback: T, whenDamaged: Spec<T>['whenDamaged']): Spec<T> => ({ encoding: 'json', schema, fallback, whenDamaged });

export type RetentionSettings = z.infer<typeof RetentionSettings>;
export const DEFAULT_RETENTION: RetentionSettings = Object.freeze({ notSelectedDays: 90, poolDays: 365, unfinishedDays: 30, humanRequestDays: 90 });
/** Always true on any kiosk: the result can be looked up here with the result code. */
export const DEFAULT_HEAR_BACK: HearBack = Object.freeze({ days: 3, channel: 'kiosk' });

/** Settings written before a field existed lack it: the default fills it in. */
const completed = <S extends z.ZodObject>(shape: S, defaults: z.infer<S>) =>
  z
    .object(shape.shape)
    .partial()
    .transform((v) => ({ ...defaults, ...Object.fromEntries(Object.entries(v).filter(([, x]) => x !== undefined)) }) as z.infer<S>);

const SETTINGS = {
  /** Set at first-run set-up (auth:setup) and in the console's store card. */
  'store.name': text(),
  'store.id': text(),
  /** What to bring to a first shift, shown at result look-up. */
  'store.whatToBring': text(),
  /** When and how applicants hear back (notify/hearBack.ts). */
  'store.hearBack': json(completed(z.object({ days: HearBack.shape.days, channel: HearBackChannel }), DEFAULT_HEAR_BACK), DEFAULT_HEAR_BACK, 'fallback'),
  retention: json(completed(RetentionSettings, DEFAULT_RETENTION), DEFAULT_RETENTION, 'throw'),
  'retention.lastRun': json(RetentionRun.nullable(), null, 'fallback'),
  /** A damaged policy falls back to the strictest one rather than to something looser. */
  'scoring.policy': json(ScoringPolicy, DEFAULT_POLICY, 'fallback'),
  /** The jurisdiction's self-identification categories; a damaged list is not replaced by other categories. */
  'selfid.questions': json(z.array(SelfIdQuestion), DEFAULT_SELFID, 'throw'),
  /** The per-kiosk secret that names the look-up throttle counters (written once). */
  'lookup.throttleSalt': text(),
  'speech.capture': text(z.enum(['device', 'renderer'])),
  'speech.recorder': text(z.enum(['sox', 'rec', 'arecord'])),
  'speech.device': text(),
} satisfies Record<string, Spec<unknown>>;

/** Keys with a part chosen at run time: the language, or a recovery code's nonce. */
const FAMILIES = {
  /** A folder holding the language's speech model. */
  'speech.modelDir.': text(),
  /** A model name from the models manifest for the language. */
  'speech.model.': text(),
  /** A used head-office recovery code: when it was used (ISO time). */
  'auth.recoveryUsed.': text(),
} satisfies Record<string, Spec<string | null>>;

type Fixed = typeof SETTINGS;
export type FixedSettingKey = keyof Fixed;
export type SettingKey = FixedSettingKey | `${keyof typeof FAMILIES}${string}`;
export type SettingValue<K extends SettingKey> = K extends FixedSettingKey ? (Fixed[K] extends Spec<infer T> ? T : never) : string | null;

export const SETTING_KEYS = Object.keys(SETTINGS) as FixedSettingKey[];
export const SETTING_FAMILIES = Object.keys(FAMILIES);

function specOf(key: string): Spec<unknown> {
  if (Object.hasOwn(SETTINGS, key)) return SETTINGS[key as FixedSettingKey] as Spec<unknown>;
  const family = Object.keys(FAMILIES).find((p) => key.startsWith(p) && key.length > p.length);
  if (family) return FAMILIES[family as keyof typeof FAMILIES];
  throw new Error(`settings: "${key}" is not a known setting (electron/services/app/settings.ts)`);
}

function decode(spec: Spec<unknown>, key: string, raw: string): { ok: true; value: unknown } | { ok: false; problem: string } {
  let value: unknown = raw;
  if (spec.encoding === 'json') {
    try {
      value = JSON.parse(raw);
    } catch {
      return { ok: false, problem: `setting "${key}" is not valid JSON` };
    }
  }
  const parsed = spec.schema.safeParse(value);
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, problem: `setting "${key}" does not read: ${parsed.error.issues[0]?.message ?? 'invalid'}` };
}

const rowOf = (db: Db, key: string): string | undefined => (db.prepare('SELECT value FROM settings WHERE key = ?').get(key) as { value: string } | undefined)?.value;

/** The setting's value: its fallback when there is no row; a damaged row as its key says (fallback or throw). */
export function getSetting<K extends SettingKey>(db: Db, key: K): SettingValue<K> {
  const spec = specOf(key);
  const raw = rowOf(db, key);
  if (raw === undefined) return spec.fallback as SettingValue<K>;
  const r = decode(spec, key, raw);
  if (r.ok) return r.value as SettingValue<K>;
  if (spec.whenDamaged === 'fallback') return spec.fallback as SettingValue<K>;
  throw new Error(r.problem);
}

/** The text a value is stored as, checked to read back through its schema (nothing unreadable is written). */
function encode(key: SettingKey, value: unknown): string {
  const spec = specOf(key);
  const raw = spec.encoding === 'json' ? JSON.stringify(value) : value;
  if (typeof raw !== 'string') throw new Error(`settings: "${key}" takes text`);
  const r = decode(spec, key, raw);
  if (!r.ok) throw new Error(`settings: refusing to write ${r.problem}`);
  return raw;
}

/** Writes (or replaces) one setting. */
export function setSetting<K extends SettingKey>(db: Db, key: K, value: NonNullable<SettingValue<K>>): void {
  db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(key, encode(key, value));
}

/** Writes the setting only if it has no row yet; true when this call wrote it. */
export function addSettingOnce<K extends SettingKey>(db: Db, key: K, value: NonNullable<SettingValue<K>>): boolean {
  return db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO NOTHING').run(key, encode(key, value)).changes === 1;
}

export const hasSetting = (db: Db, key: SettingKey): boolean => (specOf(key), rowOf(db, key) !== undefined);
