import type Database from 'better-sqlite3-multiple-ciphers';
import { ErrorCode, KioskError } from '../../../../core/errors.js';
import m0010 from './0010-create-core.js';
import m0030 from './0030-create-scores.js';
import m0040 from './0040-create-manager.js';
import m0050 from './0050-create-sync.js';
import m0060 from './0060-create-self-identification.js';
import m0070 from './0070-create-follow-ups.js';
import m0080 from './0080-add-talent-pool-consent.js';
import m0090 from './0090-compact-outbox-and-scores.js';
import m0100 from './0100-create-notify-consents.js';
import m0110 from './0110-create-second-round.js';
import m0120 from './0120-create-second-round-offers.js';

export type Migration = { version: number; name: string; up: (db: Database.Database) => void };

/** Explicit, ordered registry. Append new migrations here; never edit or reorder old ones. */
export const migrations: readonly Migration[] = [m0010, m0030, m0040, m0050, m0060, m0070, m0080, m0090, m0100, m0110, m0120];

export const latestVersion = (list: readonly Migration[] = migrations): number => list.at(-1)?.version ?? 0;

export function runMigrations(db: Database.Database, list: readonly Migration[] = migrations, upTo = latestVersion(list)): number {
  for (let i = 1; i < list.length; i++) {
    if (list[i]!.version <= list[i - 1]!.version) throw new Error(`migrations out of order at ${list[i]!.name}`);
  }
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > latestVersion(list)) {
    throw new KioskError(
      ErrorCode.DatabaseNewer,
      `This database was written by a newer kiosk version (schema ${current}; this version knows up to ${latestVersion(list)}). ` + 'Update the kiosk software; the database was not changed.',
    );
  }
  const pending = list.filter((m) => m.version > current && m.version <= upTo);
  if (pending.length === 0) return current;
  db.transaction(() => {
    for (const m of pending) m.up(db);
    db.pragma(`user_version = ${pending.at(-1)!.version}`);
  })();
  return pending.at(-1)!.version;
}
