import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_POLICY } from '../../../core/scoring/policy.js';
import { addSettingOnce, DEFAULT_HEAR_BACK, DEFAULT_RETENTION, getSetting, hasSetting, SETTING_KEYS, setSetting, type SettingKey } from '../../../electron/services/app/settings.js';
import { openDatabase, type Db } from '../../../electron/services/db/openDatabase.js';
import { getHearBack } from '../../../electron/services/notify/hearBack.js';
import { DEFAULT_SELFID } from '../../../electron/services/selfid/defaultQuestions.js';
import { ROOT } from '../helpers/tempKiosk.js';

/** The settings table through its one typed module (electron/services/app/settings.ts), on a real migrated database. */
let db: Db;
beforeEach(() => {
  db = openDatabase({ file: ':memory:', key: null });
});
afterEach(() => db.close());

const raw = (key: string) => (db.prepare('SELECT value FROM settings WHERE key = ?').get(key) as { value: string } | undefined)?.value;
const put = (key: string, value: string) => db.prepare('INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)').run(key, value);

describe('settings', () => {
  it('a missing row reads as the key’s default', () => {
    expect(getSetting(db, 'store.name')).toBeNull();
    expect(getSetting(db, 'retention')).toEqual(DEFAULT_RETENTION);
    expect(getSetting(db, 'retention.lastRun')).toBeNull();
    expect(getSetting(db, 'scoring.policy')).toEqual(DEFAULT_POLICY);
    expect(getSetting(db, 'selfid.questions')).toEqual(DEFAULT_SELFID);
    expect(getSetting(db, 'store.hearBack')).toEqual(DEFAULT_HEAR_BACK);
    expect(getSetting(db, 'speech.model.en')).toBeNull();
    expect(hasSetting(db, 'store.name')).toBe(false);
  });

  it('keeps the stored forms the earlier readers and writers used: text as is, the rest as JSON', () => {
    setSetting(db, 'store.name', '静安店');
    setSetting(db, 'retention', { ...DEFAULT_RETENTION, poolDays: 200 });
    setSetting(db, 'scoring.policy', { useSpeechDelivery: true, useFaceSignals: false, useExpressionSignals: false });
    setSetting(db, 'speech.modelDir.zh-CN', '/opt/models/zh');
    expect(raw('store.name')).toBe('静安店');
    expect(JSON.parse(raw('retention')!)).toEqual({ notSelectedDays: 90, poolDays: 200, unfinishedDays: 30, humanRequestDays: 90 });
    expect(JSON.parse(raw('scoring.policy')!)).toEqual({ useSpeechDelivery: true, useFaceSignals: false, useExpressionSignals: false });
    expect(raw('speech.modelDir.zh-CN')).toBe('/opt/models/zh');
    setSetting(db, 'store.name', '静安寺店');
    expect(getSetting(db, 'store.name')).toBe('静安寺店');
    expect(db.prepare(`SELECT count(*) AS n FROM settings WHERE key = 'store.name'`).get()).toEqual({ n: 1 });
  });

  it('reads what existing databases hold: a retention setting saved before humanRequestDays existed, hear-back as the e2e writes it', () => {
    put('retention', JSON.stringify({ notSelectedDays: 60, poolDays: 180, unfinishedDays: 14 }));
    expect(getSetting(db, 'retention')).toEqual({ notSelectedDays: 60, poolDays: 180, unfinishedDays: 14, humanRequestDays: 90 });
    put('store.hearBack', '{"days":2,"channel":"sms"}');
    expect(getSetting(db, 'store.hearBack')).toEqual({ days: 2, channel: 'sms' });
    // notify/hearBack.ts reads it through the module.
    expect(getHearBack(db)).toEqual(getSetting(db, 'store.hearBack'));
  });

  it('a damaged value: the strictest policy for scoring, a refusal for retention (it decides deletions), nothing for a bad speech recorder', () => {
    put('scoring.policy', '{"useFaceSignals": "yes please"');
    expect(getSetting(db, 'scoring.policy')).toEqual(DEFAULT_POLICY);
    put('scoring.policy', '{"useFaceSignals": "yes please"}');
    expect(getSetting(db, 'scoring.policy')).toEqual(DEFAULT_POLICY);
    put('retention', '{"poolDays": 0}');
    expect(() => getSetting(db, 'retention')).toThrow(/retention/);
    put('retention', 'not json');
    expect(() => getSetting(db, 'retention')).toThrow(/not valid JSON/);
    put('selfid.questions', '[{"id":"religion"}]');
    expect(() => getSetting(db, 'selfid.questions')).toThrow(/selfid.questions/);
    put('speech.recorder', 'gstreamer');
    expect(getSetting(db, 'speech.recorder')).toBeNull();
    put('speech.recorder', 'arecord');
    expect(getSetting(db, 'speech.recorder')).toBe('arecord');
  });

  it('refuses to write what would not read back, and keys it does not know', () => {
    expect(() => setSetting(db, 'retention', { ...DEFAULT_RETENTION, poolDays: 0 })).toThrow(/refusing to write/);
    expect(() => setSetting(db, 'speech.capture', 'microphone' as never)).toThrow(/refusing to write/);
    expect(raw('retention')).toBeUndefined();
    expect(() => getSetting(db, 'store.colour' as SettingKey)).toThrow(/not a known setting/);
    expect(() => setSetting(db, 'speech.model.' as SettingKey, 'x' as never)).toThrow(/not a known setting/);
  });

  it('addSettingOnce writes only the first value (the look-up salt, a used recovery code)', () => {
    expect(addSettingOnce(db, 'lookup.throttleSalt', 'a'.repeat(64))).toBe(true);
    expect(addSettingOnce(db, 'lookup.throttleSalt', 'b'.repeat(64))).toBe(false);
    expect(getSetting(db, 'lookup.throttleSalt')).toBe('a'.repeat(64));
    const used = `auth.recoveryUsed.${'0f'.repeat(16)}` as const;
    expect(addSettingOnce(db, used, '2030-01-01T00:00:00.000Z')).toBe(true);
    expect(addSettingOnce(db, used, '2030-01-02T00:00:00.000Z')).toBe(false);
    expect(hasSetting(db, used)).toBe(true);
  });

  it('no service reads or writes the settings table except through the module', () => {
    const services = path.join(ROOT, 'electron', 'services');
    const offenders: string[] = [];
    const walk = (dir: string) => {
      for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
        const p = path.join(dir, e.name);
        if (e.isDirectory()) walk(p);
        else if (p.endsWith('.ts') && /(FROM|INTO|UPDATE)\s+settings\b/.test(fs.readFileSync(p, 'utf8'))) offenders.push(path.relative(services, p));
      }
    };
    walk(services);
    expect(offenders.filter((f) => !f.startsWith(path.join('db', 'migrations'))).sort()).toEqual([path.join('app', 'settings.ts')]);
    expect(SETTING_KEYS).toEqual(
      expect.arrayContaining(['store.name', 'store.id', 'store.whatToBring', 'store.hearBack', 'retention', 'retention.lastRun', 'scoring.policy', 'selfid.questions', 'lookup.throttleSalt']),
    );
  });
});
