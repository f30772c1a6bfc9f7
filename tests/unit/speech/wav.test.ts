import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeWav, downmix, floatToInt16, parseWavHeader } from '../../../electron/services/speech/wav.js';
import { wavTo16kPcm } from '../../../electron/services/speech/transcribeFile.js';

const SPEECH = path.resolve(__dirname, '../../../../shared/testdata/speech');

/** Builds a WAV with arbitrary chunks before data, so header parsing is tested on real layouts. */
function makeWav(opts: { rate: number; channels: number; bits: number; format?: number; extensible?: boolean; pre?: { id: string; body: Buffer }[]; data: Buffer }): Buffer {
  const fmt = Buffer.alloc(opts.extensible ? 40 : 16);
  fmt.writeUInt16LE(opts.extensible ? 0xfffe : (opts.format ?? 1), 0);
  fmt.writeUInt16LE(opts.channels, 2);
  fmt.writeUInt32LE(opts.rate, 4);
  fmt.writeUInt32LE((opts.rate * opts.channels * opts.bits) / 8, 8);
  fmt.writeUInt16LE((opts.channels * opts.bits) / 8, 12);
  fmt.writeUInt16LE(opts.bits, 14);
  if (opts.extensible) {
    fmt.writeUInt16LE(22, 16);
    fmt.writeUInt16LE(opts.format ?? 1, 24);
  }
  const chunk = (id: string, body: Buffer) => {
    const h = Buffer.alloc(8);
    h.write(id, 0, 'latin1');
    h.writeUInt32LE(body.length, 4);
    return Buffer.concat([h, body, body.length % 2 ? Buffer.alloc(1) : Buffer.alloc(0)]);
  };
  const body = Buffer.concat([Buffer.from('WAVE'), chunk('fmt ', fmt), ...(opts.pre ?? []).map((c) => chunk(c.id, c.body)), chunk('data', opts.data)]);
  const head = Buffer.alloc(8);
  head.write('RIFF', 0, 'latin1');
  head.writeUInt32LE(body.length, 4);
  return Buffer.concat([head, body]);
}

describe('WAV reader', () => {
  it('reads every shared speech test file, including the one whose data starts at byte 58', () => {
    const files = ['en', 'zh'].flatMap((d) =>
      fs
        .readdirSync(path.join(SPEECH, d))
        .filter((f) => f.endsWith('.wav'))
        .map((f) => path.join(SPEECH, d, f)),
    );
    expect(files.length).toBeGreaterThanOrEqual(10);
    for (const f of files) {
      const buf = fs.readFileSync(f);
      const info = parseWavHeader(buf);
      expect(info, f).toMatchObject({ sampleRate: 16000, channels: 1, bitsPerSample: 16, format: 'pcm' });
      expect(info.dataOffset, f).toBe(f.endsWith('vosk-api-test-digits.wav') ? 58 : 44);
      expect(info.dataOffset + info.dataBytes).toBeLessThanOrEqual(buf.length);
    }
  });

  it('decodes s16 samples exactly at the data offset (a 44-byte skip would misalign the fact-chunk file)', () => {
    const buf = fs.readFileSync(path.join(SPEECH, 'en/vosk-api-test-digits.wav'));
    const w = decodeWav(buf);
    expect(w.samples.length).toBe(w.dataBytes / 2);
    expect(w.samples[100]).toBeCloseTo(buf.readInt16LE(58 + 200) / 32768, 6);
    expect(w.samples.length / 16000).toBeGreaterThan(8); // the digits clip is ~8.3 s
  });

  it('skips unknown chunks (odd-sized, padded) and reads float32 stereo at 44.1 kHz', () => {
    const n = 441;
    const data = Buffer.alloc(n * 2 * 4);
    for (let i = 0; i < n; i++) {
      data.writeFloatLE(0.5, i * 8);
      data.writeFloatLE(-0.25, i * 8 + 4);
    }
    const wav = makeWav({
      rate: 44100,
      channels: 2,
      bits: 32,
      format: 3,
      pre: [
        { id: 'LIST', body: Buffer.from('odd') },
        { id: 'fact', body: Buffer.alloc(4) },
      ],
      data,
    });
    const w = decodeWav(wav);
    expect(w).toMatchObject({ sampleRate: 44100, channels: 2, format: 'float' });
    const mono = downmix(w.samples, 2);
    expect(mono.length).toBe(n);
    expect(mono[10]).toBeCloseTo(0.125, 6);
  });

  it('reads 8-bit unsigned, 24-bit and WAVE_FORMAT_EXTENSIBLE PCM', () => {
    expect(decodeWav(makeWav({ rate: 8000, channels: 1, bits: 8, data: Buffer.from([128, 255, 0]) })).samples[0]).toBe(0);
    const s24 = Buffer.from([0x00, 0x00, 0x40]); // 0x400000 = +0.5 full scale
    expect(decodeWav(makeWav({ rate: 16000, channels: 1, bits: 24, data: Buffer.concat([s24, Buffer.alloc(1)]) })).samples[0]).toBeCloseTo(0.5, 6);
    const ext = makeWav({ rate: 16000, channels: 1, bits: 16, extensible: true, data: Buffer.from([0x00, 0x40]) });
    expect(decodeWav(ext).samples[0]).toBeCloseTo(0.5, 6);
  });

  it('rejects non-WAV input and unsupported encodings with a readable error', () => {
    expect(() => parseWavHeader(Buffer.from('not a wav file at all'))).toThrow(/not a WAV file/);
    expect(() => parseWavHeader(makeWav({ rate: 8000, channels: 1, bits: 8, format: 6, data: Buffer.alloc(2) }))).toThrow(/format code 6/);
  });

  it('converts any input to 16 kHz s16 mono', () => {
    const n = 48000; // 1 s of 48 kHz stereo s16
    const data = Buffer.alloc(n * 4);
    for (let i = 0; i < n; i++) {
      const v = Math.round(Math.sin((2 * Math.PI * 440 * i) / 48000) * 16000);
      data.writeInt16LE(v, i * 4);
      data.writeInt16LE(v, i * 4 + 2);
    }
    const { pcm, sourceRate, channels } = wavTo16kPcm(makeWav({ rate: 48000, channels: 2, bits: 16, data }));
    expect({ sourceRate, channels }).toEqual({ sourceRate: 48000, channels: 2 });
    expect(Math.abs(pcm.byteLength / 2 - 16000)).toBeLessThanOrEqual(1);
  });

  it('clips floats to the int16 range', () => {
    expect([...floatToInt16(new Float32Array([2, -2, 0.5]))]).toEqual([32767, -32768, 16384]);
  });
});
