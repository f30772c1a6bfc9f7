/**
 * Issue 15 §2: head office finds the packs and scoring weights shipped with the software in its
 * own layout (headoffice/shipped.ts), given as a root, not through the kiosk's APP_ROOT. An empty
 * root has nothing shipped, so the fallbacks fail there although the repository has the files.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildModel } from '../../../core/scoring/buildModel.js';
import { WeightsFile } from '../../../core/scoring/weightsFile.js';
import { rollbackModel } from '../../../headoffice/fairness/rollback.js';
import { currentModel, packFor } from '../../../headoffice/fairness/samples.js';
import { publishDownlink } from '../../../headoffice/publish.js';
import { DEFAULT_SHIPPED, HEADOFFICE_ROOT, shippedFiles } from '../../../headoffice/shipped.js';
import { openStore } from '../../../headoffice/store/openStore.js';
import type { HoStore } from '../../../headoffice/store/types.js';

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'ho-shipped-'));
const full = shippedFiles(path.join(work, 'full'));
const empty = shippedFiles(path.join(work, 'empty'));
let store: HoStore;

beforeAll(async () => {
  fs.mkdirSync(full.packsDir, { recursive: true });
  fs.mkdirSync(full.weightsDir, { recursive: true });
  fs.copyFileSync(path.join(DEFAULT_SHIPPED.packsDir, 'cashier.json'), path.join(full.packsDir, 'cashier.json'));
  fs.copyFileSync(path.join(DEFAULT_SHIPPED.weightsDir, 'cashier.weights.json'), path.join(full.weightsDir, 'cashier.weights.json'));
  store = await openStore({ file: path.join(work, 'ho.db') });
});
afterAll(async () => {
  await store.close();
  fs.rmSync(work, { recursive: true, force: true });
});

describe("head office's shipped files", () => {
  it('default to the folder holding headoffice/ (resources/packs, models/scoring/weights)', () => {
    expect(fs.existsSync(path.join(HEADOFFICE_ROOT, 'headoffice', 'shipped.ts'))).toBe(true);
    expect(DEFAULT_SHIPPED).toEqual({ packsDir: path.join(HEADOFFICE_ROOT, 'resources', 'packs'), weightsDir: path.join(HEADOFFICE_ROOT, 'models', 'scoring', 'weights') });
  });

  it('the pack and the current model come from the given root when nothing is published', async () => {
    expect((await packFor(store, 'cashier', full)).id).toBe('cashier');
    const cur = await currentModel(store, 'cashier', full);
    expect(cur).toMatchObject({ source: 'shipped', downlinkVersion: null });
    expect(cur.weights.packId).toBe('cashier');
    await expect(packFor(store, 'cashier', empty)).rejects.toThrow('no job pack "cashier" is published at head office or shipped with the app');
    await expect(currentModel(store, 'cashier', empty)).rejects.toThrow('no scoring model for "cashier" is published or shipped');
  });

  it('a roll-back past the first publish rebuilds the shipped model from the given root', async () => {
    const shipped = WeightsFile.parse(JSON.parse(fs.readFileSync(path.join(full.weightsDir, 'cashier.weights.json'), 'utf8')));
    const [a, b, c] = shipped.modelVersion.split('.').map(Number) as [number, number, number];
    await publishDownlink(store, 'scoringModel', 'cashier', Buffer.from(buildModel({ ...shipped, modelVersion: `${a}.${b}.${c + 1}` })), null);
    await expect(rollbackModel(store, 'cashier', 'admin', 'test', { shipped: empty })).rejects.toThrow('no earlier model for cashier to go back to');
    const r = await rollbackModel(store, 'cashier', 'admin', 'test', { shipped: full });
    expect(r).toMatchObject({ packId: 'cashier', restoredFrom: 'shipped', toModel: `cashier@${shipped.modelVersion}` });
  });
});
