/**
 * Rolling a job's scoring model back at head office: the model that was in use before the
 * latest publish (the previous published version, or the model shipped with the app when
 * only one was ever published) is published again as the next downlink version, so every
 * kiosk of the chosen stores applies it on its next sync like any other update. Written to
 * the model change log with who, why and which versions. Used by the console; the CLI
 * equivalent is `publish --kind scoringModel` of the older file.
 */
import fs from 'node:fs';
import { ErrorCode, KioskError } from '../../core/errors.js';
import { WeightsFile } from '../../core/scoring/weightsFile.js';
import { buildModel } from '../../core/scoring/buildModel.js';
import { publishDownlink } from '../publish.js';
import { DEFAULT_SHIPPED, shippedWeightsFile, type ShippedFiles } from '../shipped.js';
import type { HoStore } from '../store/types.js';
import { logChange } from './candidates.js';
import { weightsOfModel } from './samples.js';

const refuse = (message: string) => new KioskError(ErrorCode.Conflict, message);

export type Rollback = { packId: string; fromVersion: number; toModel: string; restoredFrom: number | 'shipped'; downlinkVersion: number; sha256: string };

export async function rollbackModel(store: HoStore, packId: string, by: string, reason: string, opts: { stores?: string[] | null; shipped?: ShippedFiles } = {}): Promise<Rollback> {
  if (!by.trim() || !reason.trim()) throw refuse('a roll-back needs who asks for it and why');
  const published = await store.all<{ version: number; content: Buffer; stores: string | null }>(
    `SELECT version, content, stores FROM ho_downlink WHERE kind = 'scoringModel' AND name = ? ORDER BY version DESC`,
    [packId],
  );
  const latest = published[0];
  if (!latest) throw refuse(`no scoring model for ${packId} was ever published from head office: kiosks already use the one shipped with the app`);
  const latestModel = safeModelVersion(Buffer.from(latest.content));
  // The newest earlier version that is a different model (a roll-back itself repeats an older one).
  const earlier = published.slice(1).find((p) => safeModelVersion(Buffer.from(p.content)) !== latestModel);
  let content: Buffer;
  let restoredFrom: number | 'shipped';
  if (earlier) {
    content = Buffer.from(earlier.content);
    restoredFrom = earlier.version;
  } else {
    const file = shippedWeightsFile(opts.shipped ?? DEFAULT_SHIPPED, packId);
    if (!fs.existsSync(file)) throw refuse(`no earlier model for ${packId} to go back to`);
    content = Buffer.from(buildModel(WeightsFile.parse(JSON.parse(fs.readFileSync(file, 'utf8')))));
    restoredFrom = 'shipped';
  }
  const toModel = safeModelVersion(content);
  const stores = opts.stores && opts.stores.length ? opts.stores : latest.stores ? latest.stores.split(' ') : null;
  const r = await publishDownlink(store, 'scoringModel', packId, content, stores);
  await logChange(store, {
    packId,
    candidateId: null,
    action: 'rollback',
    actor: by,
    reason,
    detail: {
      from: { version: latest.version, model: latestModel },
      to: { model: toModel, restoredFrom },
      downlink: { kind: 'scoringModel', name: packId, version: r.version, sha256: r.sha256, stores },
    },
  });
  return { packId, fromVersion: latest.version, toModel, restoredFrom, downlinkVersion: r.version, sha256: r.sha256 };
}

function safeModelVersion(onnx: Buffer): string {
  try {
    const w = weightsOfModel(onnx);
    return `${w.packId}@${w.modelVersion}`;
  } catch {
    return 'unreadable';
  }
}
