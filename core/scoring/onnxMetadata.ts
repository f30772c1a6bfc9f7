/**
 * Reads ModelProto.metadata_props (field 14) from an .onnx file without a protobuf library:
 * the kiosk ships onnxruntime-node but not the builder's onnx-proto, and onnxruntime-node does
 * not expose custom metadata. Only the top level of ModelProto is walked; the graph is skipped.
 */
import { TextDecoder } from 'node:util';

export function readModelMetadata(bytes: Uint8Array): Record<string, string> {
  const out: Record<string, string> = {};
  let pos = 0;
  const varint = (): number => {
    let result = 0;
    let mul = 1;
    for (;;) {
      if (pos >= bytes.length) throw new Error('truncated varint');
      const b = bytes[pos++]!;
      result += (b & 0x7f) * mul;
      if ((b & 0x80) === 0) return result;
      mul *= 128;
      if (mul > 2 ** 63) throw new Error('varint too long');
    }
  };
  const decoder = new TextDecoder('utf-8', { fatal: true });
  while (pos < bytes.length) {
    const tag = varint();
    const field = Math.floor(tag / 8);
    const wire = tag & 7;
    if (wire === 0) varint();
    else if (wire === 1) pos += 8;
    else if (wire === 5) pos += 4;
    else if (wire === 2) {
      const len = varint();
      const end = pos + len;
      if (end > bytes.length) throw new Error('truncated field');
      if (field === 14) {
        const entry = readEntry(bytes.subarray(pos, end), decoder);
        out[entry.key] = entry.value;
      }
      pos = end;
    } else throw new Error(`unsupported wire type ${wire}`);
  }
  if (pos !== bytes.length) throw new Error('truncated model');
  return out;
}

function readEntry(buf: Uint8Array, decoder: TextDecoder): { key: string; value: string } {
  let pos = 0;
  let key = '';
  let value = '';
  while (pos < buf.length) {
    const tag = buf[pos++]!;
    if ((tag & 7) !== 2) throw new Error('bad metadata entry');
    let len = 0;
    let mul = 1;
    for (;;) {
      const b = buf[pos++];
      if (b === undefined) throw new Error('truncated metadata entry');
      len += (b & 0x7f) * mul;
      if ((b & 0x80) === 0) break;
      mul *= 128;
    }
    const s = decoder.decode(buf.subarray(pos, pos + len));
    if (pos + len > buf.length) throw new Error('truncated metadata entry');
    pos += len;
    if (tag >> 3 === 1) key = s;
    else if (tag >> 3 === 2) value = s;
  }
  return { key, value };
}
