import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { installModel, MARKER } from '../../../electron/services/speech/models/installModel.js';
import { loadManifest, type Manifest, type ModelEntry } from '../../../electron/services/speech/models/modelManifest.js';
import { modelStatus } from '../../../electron/services/speech/models/modelStatus.js';
import { resolveSpeechModel } from '../../../electron/services/speech/models/resolveSpeechModel.js';
import { openDatabase } from '../../../electron/services/db/openDatabase.js';
import { makeZip, sha256, tempDir } from './helpers.js';

const work = tempDir('models');
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

/** A structurally complete (tiny, fake-content) Vosk model; install logic doesn't load it. */
const modelFiles: Record<string, string> = { 'am/final.mdl': 'acoustic model bytes', 'conf/model.conf': '--beam=10\n', 'graph/HCLr.fst': 'hclr', 'graph/Gr.fst': 'gr', README: 'test model\n' };
const digests = Object.fromEntries(Object.entries(modelFiles).map(([k, v]) => [k, { size: Buffer.byteLength(v), sha256: sha256(v) }]));
const zipped = makeZip(Object.fromEntries(Object.entries(modelFiles).map(([k, v]) => [`tiny-model/${k}`, v])));

const entry = (over: Partial<Extract<ModelEntry, { kind: 'vosk' }>> = {}): Extract<ModelEntry, { kind: 'vosk' }> => ({
  name: 'tiny-model',
  kind: 'vosk',
  lang: 'en',
  default: true,
  testOnly: false,
  url: 'http://127.0.0.1:9/tiny.zip',
  archive: { format: 'zip', size: zipped.length, sha256: sha256(zipped), root: 'tiny-model' },
  installPath: 'vosk/tiny-model',
  files: digests,
  ...over,
});

describe('models install', () => {
  it('installs from a zip, verifies every file digest and writes an install record', async () => {
    const modelsDir = path.join(work, 'a');
    const zip = path.join(work, 'tiny.zip');
    fs.writeFileSync(zip, zipped);
    const r = await installModel(entry(), modelsDir, zip);
    expect(r).toMatchObject({ archiveVerified: true, filesVerified: 5, filesListed: 5 });
    expect(fs.readFileSync(path.join(modelsDir, 'vosk/tiny-model/am/final.mdl'), 'utf8')).toBe('acoustic model bytes');
    expect(JSON.parse(fs.readFileSync(path.join(modelsDir, 'vosk/tiny-model', MARKER), 'utf8')).name).toBe('tiny-model');
    expect(fs.readdirSync(path.join(modelsDir, 'vosk'))).toEqual(['tiny-model']); // no temp leftovers
    const [st] = await modelStatus({ version: 1, models: [entry()] }, modelsDir, true);
    expect(st).toMatchObject({ installed: true, valid: true, problems: [], checked: 'sha256' });
  });

  it('refuses a tampered archive and leaves the installed model untouched', async () => {
    const modelsDir = path.join(work, 'b');
    const good = path.join(work, 'good.zip');
    fs.writeFileSync(good, zipped);
    await installModel(entry(), modelsDir, good);
    const bad = path.join(work, 'bad.zip');
    fs.writeFileSync(bad, makeZip({ ...Object.fromEntries(Object.entries(modelFiles).map(([k, v]) => [`x/${k}`, v])), 'x/am/final.mdl': 'tampered!!!!!!!!!!!!' }));
    await expect(installModel(entry(), modelsDir, bad)).rejects.toMatchObject({ code: 'MODEL_INVALID', message: expect.stringMatching(/am\/final\.mdl: sha256 does not match/) });
    expect(fs.readFileSync(path.join(modelsDir, 'vosk/tiny-model/am/final.mdl'), 'utf8')).toBe('acoustic model bytes');
    expect(fs.readdirSync(path.join(modelsDir, 'vosk'))).toEqual(['tiny-model']);
  });

  it('without per-file digests, accepts only the official archive (by sha256)', async () => {
    const other = path.join(work, 'other.zip');
    fs.writeFileSync(other, makeZip({ 'm/am/final.mdl': 'x', 'm/conf/model.conf': 'y', 'm/graph/HCLG.fst': 'z' }));
    await expect(installModel(entry({ files: {} }), path.join(work, 'c'), other)).rejects.toMatchObject({ code: 'MODEL_INVALID', message: expect.stringMatching(/not the official/) });
  });

  it('installs from a folder and rejects a folder that is not a Vosk model', async () => {
    const src = path.join(work, 'src-model');
    for (const [k, v] of Object.entries(modelFiles)) {
      fs.mkdirSync(path.dirname(path.join(src, k)), { recursive: true });
      fs.writeFileSync(path.join(src, k), v);
    }
    const r = await installModel(entry(), path.join(work, 'd'), src);
    expect(r.filesVerified).toBe(5);
    fs.rmSync(path.join(src, 'graph'), { recursive: true });
    await expect(installModel(entry({ files: {} }), path.join(work, 'e'), src)).rejects.toMatchObject({ code: 'MODEL_INVALID', message: expect.stringMatching(/graph/) });
  });

  it('refuses a folder of a model without per-file digests unless --unverified, and then records it as unverified (issue 13)', async () => {
    const src = path.join(work, 'src-nodigest');
    for (const [k, v] of Object.entries(modelFiles)) {
      fs.mkdirSync(path.dirname(path.join(src, k)), { recursive: true });
      fs.writeFileSync(path.join(src, k), v);
    }
    const modelsDir = path.join(work, 'h');
    await expect(installModel(entry({ files: {} }), modelsDir, src)).rejects.toMatchObject({ code: 'MODEL_INVALID', message: expect.stringMatching(/no digests are known .* --unverified/i) });
    expect(fs.existsSync(path.join(modelsDir, 'vosk/tiny-model'))).toBe(false);
    const r = await installModel(entry({ files: {} }), modelsDir, src, { allowUnverified: true });
    expect(r).toMatchObject({ archiveVerified: null, filesVerified: 0, filesListed: 0, note: expect.stringMatching(/structure checked only/) });
    expect(JSON.parse(fs.readFileSync(path.join(modelsDir, 'vosk/tiny-model', MARKER), 'utf8')).note).toMatch(/structure checked only/);
    // The official zip of such a model is still verified by its sha256 without the flag.
    const zip = path.join(work, 'tiny-nodigest.zip');
    fs.writeFileSync(zip, zipped);
    expect(await installModel(entry({ files: {} }), path.join(work, 'i'), zip)).toMatchObject({ archiveVerified: true, note: expect.stringMatching(/archive digest only/) });
  });

  it('README and `models install --help` claim only the digests the manifest has (issue 13)', async () => {
    const readme = fs.readFileSync(path.resolve(__dirname, '../../../README.md'), 'utf8');
    const { help } = await import('../../../electron/cli/commands/models.js');
    for (const text of [readme, help]) expect(text).not.toMatch(/verif(y|ies) every digest/i);
    const noFileDigests = loadManifest().models.filter((m) => m.kind === 'vosk' && Object.keys(m.files).length === 0 && !m.testOnly);
    expect(noFileDigests.length).toBeGreaterThan(0); // today: vosk-model-small-en-us-0.15
    const models = readme.slice(readme.indexOf('## Models'), readme.indexOf('## Docs'));
    for (const m of noFileDigests) expect(models).toMatch(new RegExp(`\`${m.name.replace(/\./g, '\\.')}\` has no per-file digests`));
    expect(help).toMatch(/--unverified/);
  });

  it('checks single-file models (face_landmarker) by size and sha256', async () => {
    const manifest = loadManifest();
    const face = manifest.models.find((m) => m.name === 'face_landmarker')!;
    const fake = path.join(work, 'face.task');
    fs.writeFileSync(fake, 'not the model');
    await expect(installModel(face, path.join(work, 'f'), fake)).rejects.toMatchObject({ code: 'MODEL_INVALID' });
    const real = path.resolve(__dirname, '../../../../shared/models/face_landmarker.task');
    const r = await installModel(face, path.join(work, 'f'), real);
    expect(r.filesVerified).toBe(1);
    expect(fs.statSync(path.join(work, 'f/face/face_landmarker.task')).size).toBe(3758596);
  });

  it('reports a missing download source clearly (no network here)', async () => {
    await expect(installModel(entry(), path.join(work, 'g'))).rejects.toMatchObject({ code: 'NOT_FOUND', message: expect.stringMatching(/--from/) });
    expect(fs.existsSync(path.join(work, 'g/vosk/tiny-model'))).toBe(false);
  });
});

describe('speech model resolution', () => {
  const manifest: Manifest = { version: 1, models: [entry(), entry({ name: 'other-model', lang: 'ko', installPath: 'vosk/other-model' })] };
  const modelsDir = path.join(work, 'resolve');
  const put = (dir: string) => {
    for (const [k, v] of Object.entries(modelFiles)) {
      fs.mkdirSync(path.dirname(path.join(dir, k)), { recursive: true });
      fs.writeFileSync(path.join(dir, k), v);
    }
  };

  it('reports a missing model with the exact fix command', () => {
    const r = resolveSpeechModel('en', { manifest, modelsDir });
    expect(r).toMatchObject({ ok: false, name: 'tiny-model', fix: 'npm run --silent kiosk -- models install --model tiny-model' });
    expect(resolveSpeechModel('zh-CN', { manifest, modelsDir })).toMatchObject({ ok: false, fix: null });
  });

  it('uses setting modelDir, then setting model, then env, then the default', () => {
    put(path.join(modelsDir, 'vosk/tiny-model'));
    put(path.join(modelsDir, 'vosk/other-model'));
    const custom = path.join(work, 'custom-model');
    put(custom);
    const db = openDatabase({ file: ':memory:', key: null });
    try {
      expect(resolveSpeechModel('en', { manifest, modelsDir, db, overrides: {} })).toMatchObject({ ok: true, name: 'tiny-model', via: 'default' });
      expect(resolveSpeechModel('en', { manifest, modelsDir, db, overrides: { en: 'other-model' } })).toMatchObject({ ok: true, name: 'other-model', via: 'env' });
      db.prepare(`INSERT INTO settings (key, value) VALUES ('speech.model.en', 'other-model')`).run();
      expect(resolveSpeechModel('en', { manifest, modelsDir, db })).toMatchObject({ ok: true, name: 'other-model', via: 'setting:model' });
      db.prepare(`INSERT INTO settings (key, value) VALUES ('speech.modelDir.en', ?)`).run(custom);
      expect(resolveSpeechModel('en', { manifest, modelsDir, db })).toMatchObject({ ok: true, dir: custom, via: 'setting:modelDir' });
      expect(resolveSpeechModel('en', { manifest, modelsDir, overrides: { en: 'no-such-model' } })).toMatchObject({ ok: false, message: expect.stringMatching(/not a known model/) });
    } finally {
      db.close();
    }
  });

  it('flags an incomplete model folder', () => {
    fs.rmSync(path.join(modelsDir, 'vosk/tiny-model/graph/Gr.fst'));
    expect(resolveSpeechModel('en', { manifest, modelsDir })).toMatchObject({ ok: false, message: expect.stringMatching(/incomplete/) });
  });
});
