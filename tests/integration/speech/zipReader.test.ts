import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { extractZipFolder, listZip } from '../../../electron/services/speech/models/zipReader.js';
import { makeZip, tempDir } from './helpers.js';

const work = tempDir('zip');
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

const write = (name: string, bytes: Buffer) => {
  const f = path.join(work, name);
  fs.writeFileSync(f, bytes);
  return f;
};

describe('model archive reader (yauzl)', () => {
  it('lists entries and extracts one folder of the archive, byte for byte', async () => {
    const big = Buffer.alloc(3 * 1024 * 1024, 7);
    const zip = write('m.zip', makeZip({ 'model/am/final.mdl': big, 'model/conf/mfcc.conf': '--sample-frequency=16000\n', 'other/readme.txt': 'not this' }));
    expect(await listZip(zip)).toEqual(['model/am/final.mdl', 'model/conf/mfcc.conf', 'other/readme.txt']);
    const dest = path.join(work, 'out');
    expect((await extractZipFolder(zip, 'model', dest)).sort()).toEqual(['am/final.mdl', 'conf/mfcc.conf']);
    expect(fs.readFileSync(path.join(dest, 'am', 'final.mdl')).equals(big)).toBe(true);
    expect(fs.existsSync(path.join(dest, 'readme.txt'))).toBe(false);
  });

  it('refuses an entry that climbs out of the target folder, writing nothing outside it', async () => {
    const zip = write('evil.zip', makeZip({ 'model/ok.txt': 'fine', 'model/../../escaped.txt': 'bad' }));
    await expect(extractZipFolder(zip, 'model', path.join(work, 'evil-out'))).rejects.toThrow(/invalid relative path|outside the target/);
    expect(fs.existsSync(path.join(work, 'escaped.txt'))).toBe(false);
  });

  it('names a file that is not a zip, or a cut-off one, instead of crashing', async () => {
    await expect(listZip(write('text.zip', Buffer.from('hello, not a zip')))).rejects.toThrow(/text\.zip is not a readable zip archive/);
    const whole = makeZip({ 'model/a.bin': Buffer.alloc(10_000, 1) });
    await expect(listZip(write('cut.zip', whole.subarray(0, whole.length - 30)))).rejects.toThrow(/cut\.zip is not a readable zip archive/);
  });
});
