/**
 * Downlink: signed packs, openings, shift templates and scoring models from head office.
 * Each item is verified against the head-office key pinned at enrollment, written to a temp
 * file and renamed into place (atomic on one filesystem), and the version it replaces is kept
 * for rollback. A bad item is rejected, recorded, and shown on the sync status screen.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Db } from '../db/openDatabase.js';
import { validatePack } from '../../../core/packs/loadPacks.js';
import { nowIso } from '../../../core/ids.js';
import { createLogger } from '../../../core/logger.js';
import { DownlinkItem, RESULT_SETTING_NAME, ResultSetting, verifyDownlinkItem, type DownlinkKind } from '../../../core/sync/protocol.js';
import { recordError } from './state.js';

const log = createLogger('sync');

const EXT: Record<DownlinkKind, string> = { pack: 'json', opening: 'json', shiftTemplate: 'json', scoringModel: 'onnx', storeSetting: 'json' };
const FOLDER: Record<DownlinkKind, string> = { pack: 'packs', opening: 'openings', shiftTemplate: 'shifts', scoringModel: 'models', storeSetting: 'settings' };

/** Where applied downlink content lives. The pack loader should read packsDir (see docs/sync.md). */
export function downlinkDirs(dataDir: string) {
  const root = path.join(dataDir, 'downlink');
  return {
    root,
    store: path.join(root, 'store'),
    packsDir: path.join(root, FOLDER.pack),
    openingsDir: path.join(root, FOLDER.opening),
    shiftsDir: path.join(root, FOLDER.shiftTemplate),
    modelsDir: path.join(root, FOLDER.scoringModel),
    settingsDir: path.join(root, FOLDER.storeSetting),
  };
}

const activeFile = (dataDir: string, kind: DownlinkKind, name: string) => path.join(downlinkDirs(dataDir).root, FOLDER[kind], `${name}.${EXT[kind]}`);
const storedFile = (dataDir: string, kind: DownlinkKind, name: string, version: number) => path.join(downlinkDirs(dataDir).store, kind, name, `v${version}.${EXT[kind]}`);

function writeAtomic(file: string, content: Buffer): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.tmp-${process.pid}-${Date.now()}`;
  const fd = fs.openSync(tmp, 'w', 0o600);
  try {
    fs.writeSync(fd, content);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(tmp, file);
}

type VersionRow = { kind: string; name: string; version: number; state: string; sha256: string; detail: string | null };
export const listVersions = (db: Db): VersionRow[] => db.prepare('SELECT kind, name, version, state, sha256, detail FROM sync_downlink ORDER BY kind, name, version').all() as VersionRow[];

const activeVersion = (db: Db, kind: string, name: string): number =>
  (db.prepare(`SELECT COALESCE(MAX(version), 0) AS v FROM sync_downlink WHERE kind = ? AND name = ? AND state = 'active'`).get(kind, name) as { v: number }).v;

function contentProblem(kind: DownlinkKind, content: Buffer): string | null {
  if (kind === 'scoringModel') return content.length > 0 ? null : 'the model file is empty';
  let raw: unknown;
  try {
    raw = JSON.parse(content.toString('utf8'));
  } catch {
    return 'the file is not valid JSON';
  }
  if (kind === 'pack') {
    const v = validatePack(raw);
    return v.ok ? null : `the job pack is invalid (${v.problems.slice(0, 2).join('; ')})`;
  }
  if (kind === 'storeSetting') {
    const v = ResultSetting.safeParse(raw);
    return v.success
      ? null
      : `the store setting is invalid (${v.error.issues
          .map((i) => `${i.path.join('.') || 'content'}: ${i.message}`)
          .slice(0, 2)
          .join('; ')})`;
  }
  return null;
}

/** The store's result setting as last applied from head office (none yet: no page, no SMS). */
export function resultSetting(dataDir: string): ResultSetting {
  const file = activeFile(dataDir, 'storeSetting', RESULT_SETTING_NAME);
  try {
    return ResultSetting.parse(JSON.parse(fs.readFileSync(file, 'utf8')));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') log.warn(`store setting ${file} unreadable; treated as not set`, e);
    return { v: 1, resultUrl: null, sms: false };
  }
}

export type ApplyResult = { applied: string[]; rejected: string[]; unchanged: number };

export function applyDownlink(db: Db, dataDir: string, hoKeyPem: string, rawItems: unknown[]): ApplyResult {
  const out: ApplyResult = { applied: [], rejected: [], unchanged: 0 };
  for (const raw of rawItems) {
    const parsed = DownlinkItem.safeParse(raw);
    if (!parsed.success) {
      out.rejected.push('(malformed item)');
      recordError(db, 'Head office sent an update this kiosk could not read; it was ignored.');
      continue;
    }
    const item = parsed.data;
    const label = `${item.kind} ${item.name} v${item.version}`;
    const seen = db.prepare('SELECT state FROM sync_downlink WHERE kind = ? AND name = ? AND version = ?').get(item.kind, item.name, item.version) as { state: string } | undefined;
    if (seen || item.version <= activeVersion(db, item.kind, item.name)) {
      out.unchanged++;
      continue;
    }
    const v = verifyDownlinkItem(hoKeyPem, item);
    const problem = v.ok ? contentProblem(item.kind, v.content) : v.reason;
    if (problem !== null || !v.ok) {
      db.prepare(`INSERT INTO sync_downlink (kind, name, version, sha256, state, detail, received_at) VALUES (?, ?, ?, ?, 'rejected', ?, ?)`).run(
        item.kind,
        item.name,
        item.version,
        item.sha256,
        problem,
        nowIso(),
      );
      recordError(db, `Update rejected: ${label} — ${problem}. The kiosk keeps using the version it has. Tell head office.`);
      log.warn(`rejected downlink ${label}: ${problem}`);
      out.rejected.push(label);
      continue;
    }
    writeAtomic(storedFile(dataDir, item.kind, item.name, item.version), v.content);
    db.transaction(() => {
      db.prepare(`UPDATE sync_downlink SET state = 'retired' WHERE kind = ? AND name = ? AND state = 'previous'`).run(item.kind, item.name);
      db.prepare(`UPDATE sync_downlink SET state = 'previous' WHERE kind = ? AND name = ? AND state = 'active'`).run(item.kind, item.name);
      db.prepare(`INSERT INTO sync_downlink (kind, name, version, sha256, state, detail, received_at) VALUES (?, ?, ?, ?, 'active', NULL, ?)`).run(
        item.kind,
        item.name,
        item.version,
        item.sha256,
        nowIso(),
      );
      // Inside the transaction: if the rename fails the version table is not changed either.
      writeAtomic(activeFile(dataDir, item.kind, item.name), v.content);
    })();
    out.applied.push(label);
  }
  return out;
}

/** Puts the kept previous version back in use; the rolled-back version is retired. */
export function rollbackDownlink(db: Db, dataDir: string, kind: DownlinkKind, name: string): number {
  const prev = db.prepare(`SELECT version FROM sync_downlink WHERE kind = ? AND name = ? AND state = 'previous'`).get(kind, name) as { version: number } | undefined;
  if (!prev) throw new Error(`no previous version of ${kind} ${name} is kept on this kiosk`);
  const content = fs.readFileSync(storedFile(dataDir, kind, name, prev.version));
  db.transaction(() => {
    db.prepare(`UPDATE sync_downlink SET state = 'retired' WHERE kind = ? AND name = ? AND state = 'active'`).run(kind, name);
    db.prepare(`UPDATE sync_downlink SET state = 'active' WHERE kind = ? AND name = ? AND version = ?`).run(kind, name, prev.version);
    writeAtomic(activeFile(dataDir, kind, name), content);
  })();
  return prev.version;
}
