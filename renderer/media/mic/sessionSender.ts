import { invoke } from '../../api/client';
import { pcmToBase64 } from './startMicCapture';

/** Upper bound per call (~5 s of audio), below the contract's 220 kB base64 limit. */
const MAX_BATCH_BYTES = 160_000;

/**
 * Sends frames to speech:audio strictly in order, one call in flight: over the HTTP bridge
 * parallel requests could arrive out of order and scramble the audio. Frames that pile up
 * while a call is in flight go out together in the next call.
 */
export function createSessionSender(sessionId: string, onError: (e: unknown) => void) {
  const queue: Uint8Array[] = [];
  let queued = 0;
  let inFlight: Promise<void> | null = null;
  let failed = false;

  const pump = async () => {
    while (queue.length && !failed) {
      let take = 0;
      let bytes = 0;
      while (take < queue.length && bytes + queue[take]!.byteLength <= MAX_BATCH_BYTES) bytes += queue[take++]!.byteLength;
      take = Math.max(take, 1);
      const batch = queue.splice(0, take);
      queued -= batch.reduce((n, b) => n + b.byteLength, 0);
      const joined = new Uint8Array(batch.reduce((n, b) => n + b.byteLength, 0));
      let o = 0;
      for (const b of batch) {
        joined.set(b, o);
        o += b.byteLength;
      }
      try {
        await invoke('speech:audio', { sessionId, pcm: pcmToBase64(joined) });
      } catch (e) {
        failed = true;
        onError(e);
      }
    }
    inFlight = null;
  };

  return {
    push(pcm: Int16Array) {
      if (failed) return;
      queue.push(new Uint8Array(pcm.buffer.slice(pcm.byteOffset, pcm.byteOffset + pcm.byteLength)));
      queued += pcm.byteLength;
      inFlight ??= pump();
    },
    /** Resolves when everything pushed so far has been delivered. */
    async flush() {
      while (inFlight) await inFlight;
    },
    pendingBytes: () => queued,
  };
}
