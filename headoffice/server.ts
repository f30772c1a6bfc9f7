/**
 * The head-office HTTP API (fastify 5). Kiosks authenticate with their Ed25519 key (batches
 * and signed requests), HR systems and people with scoped bearer tokens. Errors are
 * `{ code, message }` with a message an operator can act on.
 */
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { z } from 'zod';
import { verifyRequestSignature } from '../electron/services/sync/protocol.js';
import { sha256Hex } from '../electron/services/util/ids.js';
import { createLogger } from '../electron/services/util/logger.js';
import { checkToken, enrollKioskKey, type Scope } from './admin.js';
import { registerFairnessRoutes } from './fairness/routes.js';
import { ackFeed, parseCursor, readFeed } from './feed.js';
import { ingestBatch, logEvent } from './ingest.js';
import { openApiDocument } from './openapi.js';
import { downlinkFor } from './publish.js';
import { computeStats, renderStatsPage } from './stats.js';
import type { HoStore } from './store/types.js';

const log = createLogger('headoffice');
const rawBodies = new WeakMap<FastifyRequest, string>();

const fail = (reply: FastifyReply, status: number, code: string, message: string) => reply.code(status).send({ code, message });

const bearer = (req: FastifyRequest): string | null => {
  const h = req.headers.authorization;
  if (h?.startsWith('Bearer ')) return h.slice(7).trim();
  const q = (req.query as Record<string, string | undefined>).token;
  return q ?? null;
};
const header = (req: FastifyRequest, name: string): string => {
  const v = req.headers[name];
  return typeof v === 'string' ? v : '';
};

export function buildServer(store: HoStore, opts: { logger?: boolean; onRoute?: (method: string, url: string) => void } = {}): FastifyInstance {
  const app = Fastify({ logger: opts.logger ?? false, bodyLimit: 8 * 1024 * 1024 });
  // Lets a test compare the registered routes with the OpenAPI document.
  if (opts.onRoute) app.addHook('onRoute', (r) => [r.method].flat().forEach((m) => m !== 'HEAD' && opts.onRoute!(m, r.url)));

  app.addContentTypeParser('application/octet-stream', { parseAs: 'buffer' }, (_req, body, done) => done(null, body));
  // Keep the exact JSON text: kiosk-signed requests are verified over it.
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (req, body, done) => {
    rawBodies.set(req, body as string);
    try {
      done(null, (body as string).length ? JSON.parse(body as string) : {});
    } catch {
      done(Object.assign(new Error('request body is not valid JSON'), { statusCode: 400 }), undefined);
    }
  });
  app.setErrorHandler((err: { statusCode?: number; message: string }, _req, reply) => {
    const status = err.statusCode && err.statusCode >= 400 && err.statusCode < 500 ? err.statusCode : 500;
    if (status === 500) log.error('request failed', err);
    return fail(reply, status, status === 500 ? 'INTERNAL' : 'BAD_REQUEST', status === 500 ? 'Head office hit an internal error; the kiosk will retry.' : err.message);
  });

  const requireToken = async (req: FastifyRequest, reply: FastifyReply, scope: Scope) => {
    const r = await checkToken(store, bearer(req), scope);
    if (!r.ok) {
      await fail(reply, r.status, r.status === 401 ? 'UNAUTHORIZED' : 'FORBIDDEN', r.message);
      return null;
    }
    return r.token;
  };

  /** Kiosk-signed requests (downlink, version reports). */
  const requireKiosk = async (req: FastifyRequest, reply: FastifyReply) => {
    const kioskId = header(req, 'x-kiosk-id');
    const k = await store.get<{ id: string; store_id: string; public_key_pem: string }>('SELECT id, store_id, public_key_pem FROM ho_kiosks WHERE id = ? AND revoked_at IS NULL', [kioskId]);
    const raw = req.method === 'GET' ? '' : (rawBodies.get(req) ?? '');
    if (!k || !verifyRequestSignature(k.public_key_pem, kioskId, req.method, req.url, raw, header(req, 'x-signature'))) {
      await logEvent(store, k ? 'bad-signature' : 'unknown-kiosk', k?.id ?? null, `${req.method} ${req.url.slice(0, 80)}`);
      await fail(reply, 401, 'UNAUTHORIZED', 'Unknown kiosk or bad request signature.');
      return null;
    }
    return k;
  };

  app.get('/v1/health', async () => ({ ok: true, store: store.dialect, time: new Date().toISOString() }));
  app.get('/v1/openapi.json', async () => openApiDocument);

  const EnrollBody = z.object({ code: z.string().min(4).max(40), publicKey: z.string().max(2000), label: z.string().max(80).optional() });
  app.post('/v1/enroll', async (req, reply) => {
    const b = EnrollBody.safeParse(req.body);
    if (!b.success) return fail(reply, 400, 'BAD_REQUEST', 'expected { code, publicKey, label? }');
    const r = await enrollKioskKey(store, b.data.code, b.data.publicKey, b.data.label ?? 'kiosk');
    if (!r.ok) return fail(reply, r.status, r.status === 401 ? 'ENROLLMENT_REFUSED' : 'BAD_REQUEST', r.message);
    return { kioskId: r.kioskId, storeId: r.storeId, headOfficePublicKey: r.headOfficePublicKey };
  });

  app.post('/v1/batches', async (req, reply) => {
    if (!Buffer.isBuffer(req.body)) return fail(reply, 415, 'BAD_REQUEST', 'send the batch as application/octet-stream');
    // Checked before the signature: damage in transit is retryable, a forged batch is not.
    const declared = header(req, 'x-body-sha256');
    if (declared && declared !== sha256Hex(req.body)) return fail(reply, 400, 'BODY_INCOMPLETE', 'the batch arrived incomplete or damaged; send it again');
    const r = await ingestBatch(store, { kioskId: header(req, 'x-kiosk-id'), batchId: header(req, 'x-batch-id'), signature: header(req, 'x-signature'), body: req.body, source: 'http' });
    if (!r.ok) return fail(reply, r.status, r.code, r.message);
    return r.ack;
  });

  app.get('/v1/downlink', async (req, reply) => {
    const k = await requireKiosk(req, reply);
    if (!k) return reply;
    return { items: await downlinkFor(store, k.store_id) };
  });

  const VersionsBody = z.object({ versions: z.array(z.object({ kind: z.string(), name: z.string(), version: z.number(), state: z.string() })).max(500), lastError: z.string().max(1000).nullable() });
  app.post('/v1/kiosks/versions', async (req, reply) => {
    const k = await requireKiosk(req, reply);
    if (!k) return reply;
    const b = VersionsBody.safeParse(req.body);
    if (!b.success) return fail(reply, 400, 'BAD_REQUEST', 'expected { versions: [...], lastError }');
    await store.run('UPDATE ho_kiosks SET versions_json = ?, last_error = ?, last_seen_at = ? WHERE id = ?', [JSON.stringify(b.data.versions), b.data.lastError, new Date().toISOString(), k.id]);
    return { ok: true };
  });

  app.get('/v1/feed', async (req, reply) => {
    const tok = await requireToken(req, reply, 'feed:read');
    if (!tok) return reply;
    const q = req.query as Record<string, string | undefined>;
    const after = parseCursor(q.after);
    const limit = q.limit === undefined ? 100 : Number(q.limit);
    if (Number.isNaN(after) || !Number.isFinite(limit) || limit < 1) return fail(reply, 400, 'BAD_REQUEST', 'after must be a cursor from an earlier page; limit a positive number (max 1000)');
    return readFeed(store, { after: after ?? tok.feedCursor, limit, store: q.store, status: q.status });
  });

  app.post('/v1/feed/ack', async (req, reply) => {
    const tok = await requireToken(req, reply, 'feed:read');
    if (!tok) return reply;
    const cursor = parseCursor(String((req.body as { cursor?: unknown } | undefined)?.cursor ?? ''));
    if (cursor === null || Number.isNaN(cursor)) return fail(reply, 400, 'BAD_REQUEST', 'expected { "cursor": "<nextCursor of a page>" }');
    return { cursor: String(await ackFeed(store, tok.id, cursor)) };
  });

  app.get('/v1/stats', async (req, reply) => {
    if (!(await requireToken(req, reply, 'stats:read'))) return reply;
    return computeStats(store, { store: (req.query as { store?: string }).store });
  });
  app.get('/stats', async (req, reply) => {
    if (!(await requireToken(req, reply, 'stats:read'))) return reply;
    const stats = await computeStats(store, { store: (req.query as { store?: string }).store });
    return reply.type('text/html; charset=utf-8').header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'").send(renderStatsPage(stats));
  });

  registerFairnessRoutes(app, store, requireToken);

  return app;
}
