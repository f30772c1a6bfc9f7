/**
 * The head-office HTTP API (fastify 5). Kiosks authenticate with their Ed25519 key (batches
 * and signed requests), HR systems and people with scoped bearer tokens. Errors are
 * `{ code, message }` with a message an operator can act on.
 */
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { z } from 'zod';
import { ErrorCode } from '../core/errors.js';
import { verifyRequestSignature } from '../core/sync/protocol.js';
import { sha256Hex } from '../core/ids.js';
import { createLogger } from '../core/logger.js';
import { checkToken, enrollKioskKey, type Scope } from './admin.js';
import { auditAnchorOf } from './auditAnchor.js';
import { createAuthLimiter, type AuthLimits } from './authLimits.js';
import { registerFairnessRoutes } from './fairness/routes.js';
import { ackFeed, parseCursor, readFeed } from './feed.js';
import { ingestBatch, revokedMessage } from './ingest.js';
import { createPreparePool, defaultIngestWorkers } from './ingestPool.js';
import { openApiDocument } from './openapi.js';
import { downlinkFor } from './publish.js';
import { computeStats, renderStatsPage } from './stats.js';
import { registerConsole } from './console/routes.js';
import { registerAdminApi } from './hr/adminApi.js';
import { KioskReport, recordKioskReport } from './hr/fleet.js';
import { registerHrRoutes } from './hr/routes.js';
import { registerPhoneRoutes, type PhoneOptions } from './phone/resultPage.js';
import { registerSecondRoundPickRoutes } from './secondRoundPicks.js';
import type { HoStore } from './store/types.js';

const log = createLogger('headoffice');
const rawBodies = new WeakMap<FastifyRequest, string>();

const fail = (reply: FastifyReply, status: number, code: ErrorCode, message: string) => reply.code(status).send({ code, message });

// Only the Authorization header: a token in a URL ends up in proxy logs and browser history.
const bearer = (req: FastifyRequest): string | null => {
  const h = req.headers.authorization;
  return h?.startsWith('Bearer ') ? h.slice(7).trim() : null;
};
const tokenInQuery = (req: FastifyRequest): boolean => Object.prototype.hasOwnProperty.call((req.query as object | undefined) ?? {}, 'token');
const header = (req: FastifyRequest, name: string): string => {
  const v = req.headers[name];
  return typeof v === 'string' ? v : '';
};

export type ServerOptions = {
  logger?: boolean;
  onRoute?: (method: string, url: string) => void;
  /** Behind a reverse proxy: take the client address from X-Forwarded-For (rate limits are per address). */
  trustProxy?: boolean;
  limits?: Partial<AuthLimits>;
  /** Clock for the rate-limit windows (tests). */
  now?: () => number;
  /** HR console session cookie with the Secure flag (default true; false only for plain-http local use). */
  consoleCookieSecure?: boolean;
  /** The applicant's phone result page at /r (docs/notify.md): limits, hold, clock. */
  phone?: PhoneOptions;
  /** Worker threads that do the CPU half of batch ingest (ingestPool.ts); default one per spare core, at most 4; 0 = in-process. */
  ingestWorkers?: number;
  /** Start the ingest workers when the server starts, not at the first batch (the service does; tests start them lazily). */
  prestartIngestWorkers?: boolean;
};

export function buildServer(store: HoStore, opts: ServerOptions = {}): FastifyInstance {
  const app = Fastify({ logger: opts.logger ?? false, bodyLimit: 8 * 1024 * 1024, trustProxy: opts.trustProxy ?? false });
  const limiter = createAuthLimiter(store, opts.limits, opts.now);
  const tooMany = (reply: FastifyReply, seconds: number, what: string) =>
    reply
      .code(429)
      .header('retry-after', String(seconds))
      .send({ code: ErrorCode.RateLimited, message: `Too many failed ${what} from this address; try again in ${seconds} s.` });
  // Lets a test compare the registered routes with the OpenAPI document.
  const preparer = createPreparePool(opts.ingestWorkers ?? defaultIngestWorkers(), store.file ? { snapshotFile: store.file } : {});
  app.addHook('onClose', async () => preparer.close());
  if (opts.prestartIngestWorkers) app.addHook('onReady', async () => preparer.warm());
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
    return fail(reply, status, status === 500 ? ErrorCode.Internal : ErrorCode.BadRequest, status === 500 ? 'Head office hit an internal error; the kiosk will retry.' : err.message);
  });

  const requireToken = async (req: FastifyRequest, reply: FastifyReply, scope: Scope) => {
    if (tokenInQuery(req)) {
      await fail(
        reply,
        400,
        ErrorCode.TokenInQuery,
        'Send the API token only in the Authorization header (Authorization: Bearer <token>), never in the URL. A token that was in a URL may be in logs: revoke it and issue a new one.',
      );
      return null;
    }
    const r = await checkToken(store, bearer(req), scope);
    if (!r.ok) {
      await fail(reply, r.status, r.code, r.message);
      return null;
    }
    return r.token;
  };

  /** Kiosk-signed requests (downlink, version reports). */
  const requireKiosk = async (req: FastifyRequest, reply: FastifyReply) => {
    const wait = await limiter.retryAfter(req.ip, 'kiosk-auth');
    if (wait !== null) {
      await tooMany(reply, wait, 'kiosk authentications');
      return null;
    }
    const kioskId = header(req, 'x-kiosk-id');
    const k = await store.get<{ id: string; store_id: string; public_key_pem: string; revoked_at: string | null }>('SELECT id, store_id, public_key_pem, revoked_at FROM ho_kiosks WHERE id = ?', [
      kioskId,
    ]);
    const raw = req.method === 'GET' ? '' : (rawBodies.get(req) ?? '');
    if (!k || !verifyRequestSignature(k.public_key_pem, kioskId, req.method, req.url, raw, header(req, 'x-signature'))) {
      await limiter.recordFailure(req.ip, 'kiosk-auth');
      await fail(reply, 401, ErrorCode.Unauthorized, 'Unknown kiosk or bad request signature.');
      return null;
    }
    if (k.revoked_at) {
      await fail(reply, 403, ErrorCode.KioskRevoked, revokedMessage(k.revoked_at));
      return null;
    }
    return k;
  };

  app.get('/v1/health', async () => ({ ok: true, store: store.dialect, time: new Date().toISOString() }));
  app.get('/v1/openapi.json', async () => openApiDocument);

  const EnrollBody = z.object({ code: z.string().min(4).max(40), publicKey: z.string().max(2000), label: z.string().max(80).optional() });
  app.post('/v1/enroll', async (req, reply) => {
    const wait = await limiter.retryAfter(req.ip, 'enroll');
    if (wait !== null) return tooMany(reply, wait, 'enrollment attempts');
    const b = EnrollBody.safeParse(req.body);
    if (!b.success) return fail(reply, 400, ErrorCode.BadRequest, 'expected { code, publicKey, label? }');
    const r = await enrollKioskKey(store, b.data.code, b.data.publicKey, b.data.label ?? 'kiosk');
    if (!r.ok && r.status === 401) await limiter.recordFailure(req.ip, 'enroll');
    if (!r.ok) return fail(reply, r.status, r.status === 401 ? ErrorCode.EnrollmentRefused : ErrorCode.BadRequest, r.message);
    return { kioskId: r.kioskId, storeId: r.storeId, headOfficePublicKey: r.headOfficePublicKey, headOfficeBoxKey: r.headOfficeBoxKey, headOfficeBoxKeySignature: r.headOfficeBoxKeySignature };
  });

  app.post('/v1/batches', async (req, reply) => {
    const wait = await limiter.retryAfter(req.ip, 'kiosk-auth');
    if (wait !== null) return tooMany(reply, wait, 'kiosk authentications');
    if (!Buffer.isBuffer(req.body)) return fail(reply, 415, ErrorCode.BadRequest, 'send the batch as application/octet-stream');
    // Checked before the signature: damage in transit is retryable, a forged batch is not.
    const declared = header(req, 'x-body-sha256');
    if (declared && declared !== sha256Hex(req.body)) return fail(reply, 400, ErrorCode.BodyIncomplete, 'the batch arrived incomplete or damaged; send it again');
    const r = await ingestBatch(store, { kioskId: header(req, 'x-kiosk-id'), batchId: header(req, 'x-batch-id'), signature: header(req, 'x-signature'), body: req.body, source: 'http' }, preparer);
    if (!r.ok && r.status === 401) await limiter.recordFailure(req.ip, 'kiosk-auth');
    if (!r.ok) return fail(reply, r.status, r.code, r.message);
    return r.ack;
  });

  app.get('/v1/downlink', async (req, reply) => {
    const k = await requireKiosk(req, reply);
    if (!k) return reply;
    return { items: await downlinkFor(store, k.store_id) };
  });

  app.get('/v1/kiosks/audit-anchor', async (req, reply) => {
    const k = await requireKiosk(req, reply);
    if (!k) return reply;
    return auditAnchorOf(store, k.id);
  });

  // The kiosk's status report: downlink versions, last error and (newer kiosks) sync lag, packs and models (hr/fleet.ts).
  app.post('/v1/kiosks/versions', async (req, reply) => {
    const k = await requireKiosk(req, reply);
    if (!k) return reply;
    const b = KioskReport.safeParse(req.body);
    if (!b.success) return fail(reply, 400, ErrorCode.BadRequest, 'expected { versions: [...], lastError, ... } (see the OpenAPI document)');
    await recordKioskReport(store, k.id, b.data);
    return { ok: true };
  });

  app.get('/v1/feed', async (req, reply) => {
    const tok = await requireToken(req, reply, 'feed:read');
    if (!tok) return reply;
    const q = req.query as Record<string, string | undefined>;
    const after = parseCursor(q.after);
    const limit = q.limit === undefined ? 100 : Number(q.limit);
    if (Number.isNaN(after) || !Number.isFinite(limit) || limit < 1) return fail(reply, 400, ErrorCode.BadRequest, 'after must be a cursor from an earlier page; limit a positive number (max 1000)');
    return readFeed(store, { after: after ?? tok.feedCursor, limit, store: q.store, status: q.status });
  });

  app.post('/v1/feed/ack', async (req, reply) => {
    const tok = await requireToken(req, reply, 'feed:read');
    if (!tok) return reply;
    const cursor = parseCursor(String((req.body as { cursor?: unknown } | undefined)?.cursor ?? ''));
    if (cursor === null || Number.isNaN(cursor)) return fail(reply, 400, ErrorCode.BadRequest, 'expected { "cursor": "<nextCursor of a page>" }');
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
  registerHrRoutes(app, store, requireToken);
  registerAdminApi(app, store, requireToken);
  registerConsole(app, store, limiter, { cookieSecure: opts.consoleCookieSecure ?? true });
  registerPhoneRoutes(app, store, { ...(opts.now ? { now: opts.now } : {}), ...opts.phone });
  registerSecondRoundPickRoutes(app, store, requireKiosk);

  return app;
}
