/**
 * Compact storage for the kiosk's two large JSON columns (issue 17, item 4): the score
 * explanation (scores.result) and sync record payloads (outbox.payload). A stored value is
 *
 *   one format byte  +  the JSON text, raw-deflated with a preset dictionary
 *
 * Format 1 uses JSON_DICTIONARY_V1: the keys and fixed phrases (competency names, level
 * descriptions, explanation labels) that every score repeats, so each row stores little more
 * than its numbers and the applicant's own words. The dictionary is frozen: rows written with
 * format 1 need exactly those bytes to be read back, so a better dictionary is a new format
 * byte, never an edit (tests/unit/db/compactJson.test.ts pins its digest).
 *
 * The text goes in and comes out byte for byte, so hashes over it (content_hash) still hold.
 */
import zlib from 'node:zlib';
import { JSON_DICTIONARY_V1 } from './jsonDictionaryV1.js';

export const COMPACT_FORMAT_V1 = 1;

const DICTIONARY_V1 = Buffer.from(JSON_DICTIONARY_V1, 'utf8');

/** JSON text → stored bytes (format 1). */
export function packJson(jsonText: string): Buffer {
  const body = zlib.deflateRawSync(Buffer.from(jsonText, 'utf8'), { level: 9, memLevel: 9, dictionary: DICTIONARY_V1 });
  return Buffer.concat([Buffer.from([COMPACT_FORMAT_V1]), body]);
}

/** A value → stored bytes, via JSON.stringify (not canonical: use packJson(canonicalJson(v)) where a hash depends on it). */
export const packValue = (value: unknown): Buffer => packJson(JSON.stringify(value));

/**
 * Stored bytes → JSON text. A string is taken as plain JSON text (how these columns were kept
 * before migration 0090, and what a test may write). Throws on an unknown format byte or
 * damaged bytes: the caller decides what the reader sees ("the stored score could not be read").
 */
export function unpackJson(stored: Buffer | Uint8Array | string | null | undefined): string | null {
  if (stored === null || stored === undefined) return null;
  if (typeof stored === 'string') return stored;
  const buf = Buffer.isBuffer(stored) ? stored : Buffer.from(stored.buffer, stored.byteOffset, stored.byteLength);
  if (buf.length === 0) throw new Error('compact JSON: empty value');
  const format = buf[0];
  if (format !== COMPACT_FORMAT_V1) throw new Error(`compact JSON: unknown format byte ${format} (written by a newer kiosk version?)`);
  return zlib.inflateRawSync(buf.subarray(1), { dictionary: DICTIONARY_V1 }).toString('utf8');
}

/** Stored bytes → parsed value (null stays null). */
export function unpackValue<T = unknown>(stored: Buffer | Uint8Array | string | null | undefined): T | null {
  const text = unpackJson(stored);
  return text === null ? null : (JSON.parse(text) as T);
}

/**
 * A row as text for inspection (privacy scans, support tools): compact JSON cells become the
 * JSON they hold, other blobs their bytes as latin1, so a search for a name or a phone number
 * sees everything a row keeps. (JSON.stringify alone would print a Buffer as a list of numbers.)
 */
export function inspectableRow(row: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(row)) {
    if (!Buffer.isBuffer(v)) out[k] = v;
    else {
      try {
        out[k] = unpackJson(v);
      } catch {
        out[k] = v.toString('latin1');
      }
    }
  }
  return out;
}
