// The package ships no types; this is the part of its API the kiosk uses.
declare module 'node-record-lpcm16' {
  import type { ChildProcess } from 'node:child_process';
  import type { Readable } from 'node:stream';
  export type RecordOptions = { sampleRate?: number; channels?: number; recorder?: 'sox' | 'rec' | 'arecord'; device?: string | null; audioType?: string; endOnSilence?: boolean };
  export type Recording = { process: ChildProcess; stream(): Readable; stop(): void };
  const lib: { record(opts: RecordOptions): Recording };
  export default lib;
}
