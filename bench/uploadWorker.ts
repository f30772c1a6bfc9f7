/**
 * The kiosks of the sync bench, on their own thread: in the field they are other machines, so
 * their HTTP client must not share the head-office thread it measures. Receives kiosks with
 * their sealed batches and the head-office URLs, uploads, and answers with the seconds from
 * the first request to the last acknowledgement. The requests are the kiosk's (`batchHeaders` of
 * electron/services/sync/transport.ts, the sealed bytes), sent with node:http over kept-alive
 * connections and their body hashes worked out before the clock starts: on this 2-core machine
 * every cycle the simulated kiosks spend is taken from head office, which in the field it is not.
 *
 * `mode`: 'one-at-a-time' — every batch of every kiosk in turn, one request in flight;
 * 'kiosks-at-once' — each kiosk pushes its own batches in order (as the kiosk's sync does),
 * all kiosks at the same time. Batch i of the run goes to urls[i % urls.length].
 */
import http from 'node:http';
import { parentPort } from 'node:worker_threads';
import type { SyncIdentity } from '../electron/services/sync/state.js';
import { batchHeaders } from '../electron/services/sync/transport.js';

export type UploadKiosk = { me: SyncIdentity; batches: { id: string; seq: number; body: Uint8Array; signature: string }[] };
export type UploadJob = { kiosks: UploadKiosk[]; urls: string[]; mode: 'one-at-a-time' | 'kiosks-at-once' };
export type UploadResult = { ok: true; seconds: number; accepted: number } | { ok: false; error: string };

const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

function post(url: string, headers: Record<string, string>, body: Uint8Array): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(`${url}/v1/batches`, { method: 'POST', agent, headers: { ...headers, 'content-length': String(body.byteLength) } }, (res) => {
      const parts: Buffer[] = [];
      res.on('data', (d: Buffer) => parts.push(d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(parts).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

async function upload(job: UploadJob): Promise<UploadResult> {
  let n = 0;
  let accepted = 0;
  const headers = new Map(job.kiosks.flatMap((k) => k.batches.map((b) => [b, batchHeaders(k.me.kioskId, { ...b, body: Buffer.from(b.body.buffer, b.body.byteOffset, b.body.byteLength) })])));
  const send = async (k: UploadKiosk, b: UploadKiosk['batches'][number]) => {
    const url = job.urls[n++ % job.urls.length]!;
    const r = await post(url, headers.get(b)!, b.body);
    if (r.status !== 200) throw new Error(`kiosk ${k.me.kioskId} batch ${b.seq} refused: ${r.status} ${r.text.slice(0, 200)}`);
    accepted += (JSON.parse(r.text) as { accepted: number }).accepted;
  };
  const t = performance.now();
  if (job.mode === 'one-at-a-time') {
    for (const k of job.kiosks) for (const b of k.batches) await send(k, b);
  } else {
    await Promise.all(
      job.kiosks.map(async (k) => {
        for (const b of k.batches) await send(k, b);
      }),
    );
  }
  return { ok: true, seconds: (performance.now() - t) / 1000, accepted };
}

parentPort!.on('message', (job: UploadJob) => {
  upload(job).then(
    (r) => parentPort!.postMessage(r),
    (e: Error) => parentPort!.postMessage({ ok: false, error: e.message } satisfies UploadResult),
  );
});
