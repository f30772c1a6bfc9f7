import { spawn, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { FOUNDATION_PACKS, ROOT } from '../helpers/tempKiosk.js';

/**
 * Hostile WebSocket frames against a real kiosk process (`kiosk serve`, the browser-kiosk
 * bridge). Each fault used to throw an unhandled 'error' on the socket and kill the process;
 * now each closes only the offending socket with the RFC 6455 status for it, and the kiosk
 * keeps serving: another client stays connected and the contract still answers.
 */
const SECRET = crypto.randomBytes(24).toString('base64url');
let dataDir: string;
let child: ChildProcess;
let url: string;
let stderr = '';

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-frames-'));
  child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'electron/cli/kiosk.ts'), 'serve'], {
    cwd: ROOT,
    env: { ...process.env, KIOSK_DATA_DIR: dataDir, KIOSK_PACKS_DIR: FOUNDATION_PACKS, KIOSK_BRIDGE_SECRET: SECRET, KIOSK_LOG_LEVEL: 'warn', KIOSK_SYNC: 'off' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stderr!.on('data', (b: Buffer) => (stderr += b.toString()));
  url = await new Promise<string>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`kiosk serve exited ${code}: ${stderr}`)));
    child.stdout!.once('data', (b: Buffer) => resolve((JSON.parse(b.toString().split('\n')[0]!) as { url: string }).url));
  });
}, 60_000);

afterAll(async () => {
  if (child.exitCode === null) {
    const gone = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await gone;
  }
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const port = () => Number(new URL(url).port);

/** A WebSocket handshake by hand, so the test can then write any bytes it likes. */
async function rawSocket(): Promise<{ sock: net.Socket; closed: Promise<{ closeCode: number | null }> }> {
  const sock = net.connect(port(), '127.0.0.1');
  let buf = Buffer.alloc(0);
  const upgraded = new Promise<void>((resolve, reject) => {
    const onData = (b: Buffer) => {
      buf = Buffer.concat([buf, b]);
      const end = buf.indexOf('\r\n\r\n');
      if (end < 0) return;
      const head = buf.subarray(0, end).toString();
      buf = buf.subarray(end + 4);
      sock.off('data', onData);
      if (!head.startsWith('HTTP/1.1 101')) reject(new Error(`handshake refused: ${head.split('\r\n')[0]}`));
      else resolve();
    };
    sock.on('data', onData);
    sock.once('error', reject);
  });
  sock.write(
    [
      `GET /events?s=${encodeURIComponent(SECRET)} HTTP/1.1`,
      `Host: 127.0.0.1:${port()}`,
      `Origin: ${url}`,
      'Upgrade: websocket',
      'Connection: Upgrade',
      `Sec-WebSocket-Key: ${crypto.randomBytes(16).toString('base64')}`,
      'Sec-WebSocket-Version: 13',
      '',
      '',
    ].join('\r\n'),
  );
  await upgraded;
  // After the handshake: collect what the server sends until it hangs up; read its close frame.
  const closed = new Promise<{ closeCode: number | null }>((resolve) => {
    sock.on('data', (b: Buffer) => (buf = Buffer.concat([buf, b])));
    sock.on('error', () => undefined);
    sock.on('close', () => {
      const isCloseFrame = buf.length >= 4 && (buf[0]! & 0x0f) === 0x8;
      resolve({ closeCode: isCloseFrame ? buf.readUInt16BE(2) : null });
    });
  });
  return { sock, closed };
}

type Frame = { opcode: number; payload: Buffer; rsv1?: boolean; masked?: boolean; declaredLength?: number };
function frame(f: Frame): Buffer {
  const len = f.declaredLength ?? f.payload.length;
  const masked = f.masked ?? true;
  const b0 = 0x80 | (f.rsv1 ? 0x40 : 0) | f.opcode;
  let header: Buffer;
  if (len < 126) header = Buffer.from([b0, (masked ? 0x80 : 0) | len]);
  else if (len < 65_536) {
    header = Buffer.from([b0, (masked ? 0x80 : 0) | 126, 0, 0]);
    header.writeUInt16BE(len, 2);
  } else {
    header = Buffer.alloc(10);
    header[0] = b0;
    header[1] = (masked ? 0x80 : 0) | 127;
    header.writeBigUInt64BE(BigInt(len), 2);
  }
  if (!masked) return Buffer.concat([header, f.payload]);
  const mask = crypto.randomBytes(4);
  const body = Buffer.from(f.payload.map((x, i) => x ^ mask[i % 4]!));
  return Buffer.concat([header, mask, body]);
}

const FAULTS: { name: string; bytes: () => Buffer; closeCode: number }[] = [
  // The bridge's maxPayload is 64 KiB; the length field alone must be enough to refuse it.
  { name: 'oversized message', bytes: () => frame({ opcode: 0x1, payload: Buffer.alloc(0), declaredLength: 1024 * 1024 }), closeCode: 1009 },
  { name: 'invalid UTF-8 in a text frame', bytes: () => frame({ opcode: 0x1, payload: Buffer.from([0x7b, 0xff, 0xfe, 0x7d]) }), closeCode: 1007 },
  { name: 'unmasked client frame', bytes: () => frame({ opcode: 0x1, payload: Buffer.from('{}'), masked: false }), closeCode: 1002 },
  { name: 'unknown opcode', bytes: () => frame({ opcode: 0x3, payload: Buffer.from('x') }), closeCode: 1002 },
  { name: 'RSV1 set without an extension', bytes: () => frame({ opcode: 0x1, payload: Buffer.from('{}'), rsv1: true }), closeCode: 1002 },
];

const rpc = async (name: string) => {
  const r = await fetch(`${url}/rpc/${name}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-kiosk-secret': SECRET, origin: url }, body: '{}' });
  return (await r.json()) as { ok: boolean; value?: unknown };
};

describe('bad WebSocket frames close only their own socket', () => {
  it('each of the five faults closes that socket with the right status; the kiosk and a well-behaved client carry on', async () => {
    const bystander = new WebSocket(`${url.replace('http', 'ws')}/events?s=${encodeURIComponent(SECRET)}`, { origin: url });
    await new Promise((resolve, reject) => {
      bystander.once('open', resolve);
      bystander.once('error', reject);
    });
    let bystanderClosed = false;
    bystander.on('close', () => (bystanderClosed = true));

    for (const f of FAULTS) {
      const { sock, closed } = await rawSocket();
      sock.write(f.bytes());
      const r = await closed;
      await new Promise((resolve) => setTimeout(resolve, 100)); // a crash would have landed by now
      expect(child.exitCode, `${f.name} killed the kiosk:\n${stderr}`).toBeNull();
      expect({ fault: f.name, closeCode: r.closeCode }).toEqual({ fault: f.name, closeCode: f.closeCode });
      // Still serving after every single fault, not just at the end.
      expect(await rpc('kiosk:status')).toMatchObject({ ok: true, value: { isSetUp: false } });
    }

    expect(bystanderClosed).toBe(false);
    expect(bystander.readyState).toBe(WebSocket.OPEN);
    bystander.close();
    // A fresh client can still connect.
    const fresh = new WebSocket(`${url.replace('http', 'ws')}/events?s=${encodeURIComponent(SECRET)}`, { origin: url });
    await new Promise((resolve, reject) => {
      fresh.once('open', resolve);
      fresh.once('error', reject);
    });
    fresh.close();
    expect(child.exitCode).toBeNull();
  });

  it('a client that resets its TCP connection mid-handshake does not take the kiosk down either', async () => {
    const sock = net.connect(port(), '127.0.0.1');
    await new Promise((resolve, reject) => {
      sock.once('connect', resolve);
      sock.once('error', reject);
    });
    sock.write(
      `GET /events?s=${encodeURIComponent(SECRET)} HTTP/1.1\r\nHost: x\r\nOrigin: ${url}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: ${crypto.randomBytes(16).toString('base64')}\r\n\r\n`,
    );
    sock.resetAndDestroy();
    await new Promise((r) => setTimeout(r, 200));
    expect(child.exitCode).toBeNull();
    expect(await rpc('packs:list')).toMatchObject({ ok: true });
  });
});
