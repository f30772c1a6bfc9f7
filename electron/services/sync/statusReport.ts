/**
 * What the kiosk tells head office about itself after each sync round (POST /v1/kiosks/versions):
 * the downlink versions in use (and any it rejected), its last error and when, how long its
 * oldest unsent record has waited (the sync lag, measured on the kiosk's own clock so a wrong
 * clock does not distort it), the packs and scoring models in use, and which speech and face
 * models are installed. Head office shows it on the fleet page (headoffice/hr/fleet.ts).
 */
import type { Db } from '../db/openDatabase.js';
import { loadManifest, MANIFEST_FILE } from '../speech/models/modelManifest.js';
import { modelStatus } from '../speech/models/modelStatus.js';
import { createLogger } from '../../../core/logger.js';
import { listVersions } from './downlink.js';
import { getState } from './state.js';
import type { VersionReport } from './transport.js';

const log = createLogger('sync');

/** Where the report finds what the running kiosk uses; without them those fields are left out. */
export type ReportSources = { modelsDir?: string; modelsManifest?: string; packs?: () => { id: string; version: string }[]; appVersion?: string };

export type StatusReport = {
  versions: VersionReport[];
  lastError: string | null;
  lastErrorAt: string | null;
  syncLagMs: number | null;
  pendingRecords: number;
  scoringModels: { packId: string; modelVersion: string }[];
  packs?: { id: string; version: string }[];
  installedModels?: { name: string; kind: string; lang: string | null; isValid: boolean }[];
  appVersion?: string;
};

export async function buildStatusReport(db: Db, sources: ReportSources = {}, now = Date.now()): Promise<StatusReport> {
  const versions = listVersions(db)
    .filter((v) => v.state === 'active' || v.state === 'rejected')
    .map((v) => ({ kind: v.kind, name: v.name, version: v.version, state: v.state }));
  // outbox_pending (acked_at, id) serves both: unacknowledged rows only.
  const pending = db.prepare('SELECT COUNT(*) AS n, MIN(created_at) AS oldest FROM outbox WHERE acked_at IS NULL').get() as { n: number; oldest: string | null };
  const oldest = pending.oldest ? Date.parse(pending.oldest) : NaN;
  // The model that scored the latest interview of each pack is the one in use for it.
  const scoringModels = db
    .prepare(
      `SELECT i.pack_id AS packId, s.model_version AS modelVersion FROM scores s JOIN interviews i ON i.id = s.interview_id
       WHERE s.status = 'scored' AND s.created_at = (SELECT MAX(s2.created_at) FROM scores s2 JOIN interviews i2 ON i2.id = s2.interview_id WHERE i2.pack_id = i.pack_id AND s2.status = 'scored')
       GROUP BY i.pack_id ORDER BY i.pack_id`,
    )
    .all() as { packId: string; modelVersion: string }[];
  const report: StatusReport = {
    versions,
    lastError: getState(db, 'lastError'),
    lastErrorAt: getState(db, 'lastErrorAt'),
    syncLagMs: Number.isFinite(oldest) ? Math.max(0, now - oldest) : null,
    pendingRecords: pending.n,
    scoringModels,
  };
  // The report is extra: whatever fails here leaves the field out, never the sync round.
  if (sources.packs) {
    try {
      report.packs = sources.packs();
    } catch (e) {
      log.warn('status report: could not list the loaded packs', e);
    }
  }
  if (sources.appVersion) report.appVersion = sources.appVersion;
  if (sources.modelsDir) {
    try {
      report.installedModels = (await modelStatus(loadManifest(sources.modelsManifest ?? MANIFEST_FILE), sources.modelsDir))
        .filter((m) => m.installed)
        .map((m) => ({ name: m.name, kind: m.kind === 'vosk' ? 'speech' : 'face', lang: m.lang, isValid: m.valid }));
    } catch (e) {
      log.warn(`models not listed in the status report: ${(e as Error).message}`);
    }
  }
  return report;
}
