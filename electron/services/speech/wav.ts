import { ErrorCode, KioskError } from '../../../core/errors.js';

/** Sample layout of a decoded WAV, before any conversion. */
export type WavInfo = { sampleRate: number; channels: number; bitsPerSample: number; format: 'pcm' | 'float'; dataOffset: number; dataBytes: number };
export type DecodedWav = WavInfo & { /** Interleaved samples scaled to [-1, 1]. */ samples: Float32Array };

const WAVE_FORMAT_PCM = 1;
const WAVE_FORMAT_IEEE_FLOAT = 3;
const WAVE_FORMAT_EXTENSIBLE = 0xfffe;

const bad = (why: string) => new KioskError(ErrorCode.InvalidInput, `This is not a WAV file the kiosk can read: ${why}.`);

/**
 * Walks the RIFF chunk list instead of assuming a 44-byte header: real files carry `fact`,
 * `LIST` or `bext` chunks before `data` (one of our test files starts its data at byte 58).
 */
export function parseWavHeader(buf: Uint8Array): WavInfo {
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  const tag = (at: number) => String.fromCharCode(buf[at]!, buf[at + 1]!, buf[at + 2]!, buf[at + 3]!);
  if (buf.length < 12 || tag(0) !== 'RIFF' || tag(8) !== 'WAVE') throw bad('no RIFF/WAVE header');
  let fmt: Omit<WavInfo, 'dataOffset' | 'dataBytes'> | null = null;
  let pos = 12;
  while (pos + 8 <= buf.length) {
    const id = tag(pos);
    const size = view.getUint32(pos + 4, true);
    const body = pos + 8;
    if (id === 'fmt ') {
      if (size < 16) throw bad('fmt chunk too short');
      let code = view.getUint16(body, true);
      const channels = view.getUint16(body + 2, true);
      const sampleRate = view.getUint32(body + 4, true);
      const bitsPerSample = view.getUint16(body + 14, true);
      // WAVE_FORMAT_EXTENSIBLE keeps the real format code in the first two bytes of the sub-format GUID.
      if (code === WAVE_FORMAT_EXTENSIBLE && size >= 40) code = view.getUint16(body + 24, true);
      if (code !== WAVE_FORMAT_PCM && code !== WAVE_FORMAT_IEEE_FLOAT) throw bad(`unsupported encoding (format code ${code})`);
      const format = code === WAVE_FORMAT_PCM ? 'pcm' : 'float';
      const okBits = format === 'pcm' ? [8, 16, 24, 32] : [32, 64];
      if (!okBits.includes(bitsPerSample)) throw bad(`unsupported ${bitsPerSample}-bit ${format} samples`);
      if (channels < 1 || sampleRate < 1000) throw bad('invalid channel count or sample rate');
      fmt = { sampleRate, channels, bitsPerSample, format };
    } else if (id === 'data') {
      if (!fmt) throw bad('data chunk before fmt chunk');
      // Streaming writers leave 0 or 0xFFFFFFFF here; the data then runs to the end of the file.
      const avail = buf.length - body;
      const dataBytes = size === 0 || size === 0xffffffff || size > avail ? avail : size;
      const frame = (fmt.bitsPerSample / 8) * fmt.channels;
      return { ...fmt, dataOffset: body, dataBytes: dataBytes - (dataBytes % frame) };
    }
    pos = body + size + (size % 2); // chunks are padded to an even length
  }
  throw bad(fmt ? 'no data chunk' : 'no fmt chunk');
}

export function decodeWav(buf: Uint8Array): DecodedWav {
  const info = parseWavHeader(buf);
  const view = new DataView(buf.buffer, buf.byteOffset + info.dataOffset, info.dataBytes);
  const bytes = info.bitsPerSample / 8;
  const n = info.dataBytes / bytes;
  const samples = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const o = i * bytes;
    if (info.format === 'float') samples[i] = bytes === 4 ? view.getFloat32(o, true) : view.getFloat64(o, true);
    else if (bytes === 2) samples[i] = view.getInt16(o, true) / 32768;
    else if (bytes === 1)
      samples[i] = (view.getUint8(o) - 128) / 128; // 8-bit WAV is unsigned
    else if (bytes === 3) samples[i] = ((view.getUint8(o + 2) << 24) | (view.getUint8(o + 1) << 16) | (view.getUint8(o) << 8)) / 2147483648;
    else samples[i] = view.getInt32(o, true) / 2147483648;
  }
  return { ...info, samples };
}

/** Averages the channels of interleaved samples into one. */
export function downmix(interleaved: Float32Array, channels: number): Float32Array {
  if (channels === 1) return interleaved;
  const n = Math.floor(interleaved.length / channels);
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let c = 0; c < channels; c++) s += interleaved[i * channels + c]!;
    out[i] = s / channels;
  }
  return out;
}

export function floatToInt16(x: Float32Array): Int16Array {
  const out = new Int16Array(x.length);
  for (let i = 0; i < x.length; i++) {
    const v = Math.max(-1, Math.min(1, x[i]!));
    out[i] = v < 0 ? Math.round(v * 32768) : Math.round(v * 32767);
  }
  return out;
}
