/**
 * The console's write actions over the token API (issue 18: what the console can do, an HR
 * system can automate): approve / reject / refit / publish / roll back scoring models, revoke
 * kiosks, enrollment codes, API tokens, store metadata. Each needs a token with the admin scope,
 * calls the same service function as the console and the CLI, and is written to the action log
 * (ho_console_audit) as `token:<name>` — done, refused (409 with the service's words) or failed.
 * Documented in openapi.ts (adminOpenApiPaths).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { ErrorCode } from '../../core/errors.js';
import { createLogger } from '../../core/logger.js';
import { issueEnrollmentCode, issueToken, listTokens, revokeKiosk, revokeToken, type Scope } from '../admin.js';
import { AdminInputError } from '../auth/admins.js';
import { recordAudit, type AuditOutcome } from '../auth/consoleAudit.js';
import { approveCandidate, publishCandidate, refitCandidate, rejectCandidate } from '../fairness/candidates.js';
import { rollbackModel } from '../fairness/rollback.js';
import type { HoStore } from '../store/types.js';
import { problemOf } from './problems.js';
import { importStoresCsv, listStores, setStoreMeta } from './stores.js';

const log = createLogger('headoffice.adminApi');

type RequireToken = (req: FastifyRequest, reply: FastifyReply, scope: Scope) => Promise<{ id: string; scopes: string[] } | null>;

const Id = z.string().trim().min(1).max(128);
const Reason = z.string().trim().min(1, 'give a reason').max(1000);
const Stores = z
  .array(
    z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9_-]{1,64}$/, 'store ids: letters, digits, - and _'),
  )
  .max(5000)
  .nullable()
  .optional();
const BODIES = {
  approve: z.object({ id: Id, reason: Reason }),
  reject: z.object({ id: Id, reason: Reason }),
  refit: z.object({ pack: Id, reason: Reason }),
  publish: z.object({ id: Id, stores: Stores }),
  rollback: z.object({ pack: Id, reason: Reason, stores: Stores }),
  revokeKiosk: z.object({ kioskId: Id }),
  enroll: z.object({ storeId: z.string().trim().min(1).max(64), ttlHours: z.number().int().min(1).max(720).optional(), replaces: Id.optional() }),
  issueToken: z.object({ name: z.string().trim().min(1).max(80), scopes: z.array(z.string()).min(1).max(10), ttlDays: z.number().int().min(1).max(3650).optional() }),
  revokeToken: z.object({ id: Id }),
  store: z.object({
    storeId: z.string().max(64),
    region: z.string().max(60).nullable().optional(),
    nameZh: z.string().max(80).nullable().optional(),
    nameEn: z.string().max(80).nullable().optional(),
  }),
  importStores: z.object({ csv: z.string().min(1).max(1_000_000) }),
};

export function registerAdminApi(app: FastifyInstance, store: HoStore, requireToken: RequireToken): void {
  /**
   * POST <url> with a JSON body: admin token, body checked, the action run and logged. `target`
   * names what it acted on in the log; secrets in the answer (codes, tokens) never go to the log.
   */
  const action = <S extends z.ZodTypeAny, R>(url: string, name: string, schema: S, target: (b: z.infer<S>) => string | null, fn: (b: z.infer<S>, by: string) => Promise<R>) =>
    app.post(url, async (req, reply) => {
      const tok = await requireToken(req, reply, 'admin');
      if (!tok) return reply;
      const row = await store.get<{ name: string }>('SELECT name FROM ho_tokens WHERE id = ?', [tok.id]);
      const who = `token:${row?.name ?? tok.id}`.slice(0, 80);
      const logAs = (outcome: AuditOutcome, t: string | null, detail = '') => recordAudit(store, { adminId: null, username: who, action: name, target: t, outcome, detail, ip: req.ip });
      const b = schema.safeParse(req.body ?? {});
      if (!b.success) {
        const problem = b.error.issues
          .map((i) => `${i.path.join('.') || 'body'}: ${i.message}`)
          .slice(0, 3)
          .join('; ');
        await logAs('refused', null, problem);
        return reply.code(400).send({ code: ErrorCode.BadRequest, message: problem });
      }
      const t = target(b.data);
      try {
        const value = await fn(b.data, `${row?.name ?? 'API token'} (${tok.id})`);
        await logAs('ok', t);
        return value;
      } catch (e) {
        const problem = problemOf(e);
        if (problem === null) {
          log.error(`api action ${name} failed`, e);
          await logAs('failed', t, (e as Error).message ?? '');
          return reply.code(500).send({ code: ErrorCode.Internal, message: 'Head office hit an internal error (see the service log).' });
        }
        await logAs('refused', t, problem);
        return reply.code(409).send({ code: ErrorCode.Refused, message: problem });
      }
    });

  action(
    '/v1/models/approve',
    'model-approve',
    BODIES.approve,
    (b) => b.id,
    (b, by) => approveCandidate(store, b.id, by, b.reason),
  );
  action(
    '/v1/models/reject',
    'model-reject',
    BODIES.reject,
    (b) => b.id,
    (b, by) => rejectCandidate(store, b.id, by, b.reason),
  );
  action(
    '/v1/models/refit',
    'model-refit',
    BODIES.refit,
    (b) => b.pack,
    (b, by) => refitCandidate(store, b.pack, { by, reason: b.reason }),
  );
  action(
    '/v1/models/publish',
    'model-publish',
    BODIES.publish,
    (b) => b.id,
    async (b, by) => {
      const c = await publishCandidate(store, b.id, by, { stores: b.stores?.length ? b.stores : null });
      return { id: c.id, packId: c.packId, status: c.status, modelVersion: c.modelVersion, downlinkVersion: c.downlinkVersion, sha256: c.sha256 };
    },
  );
  action(
    '/v1/models/rollback',
    'model-rollback',
    BODIES.rollback,
    (b) => b.pack,
    (b, by) => rollbackModel(store, b.pack, by, b.reason, { stores: b.stores?.length ? b.stores : null }),
  );
  action(
    '/v1/fleet/revoke',
    'kiosk-revoke',
    BODIES.revokeKiosk,
    (b) => b.kioskId,
    async (b) => {
      if (!(await revokeKiosk(store, b.kioskId))) throw new AdminInputError(`kiosk ${b.kioskId} is unknown or already revoked`);
      return { kioskId: b.kioskId, revoked: true };
    },
  );
  action(
    '/v1/fleet/enroll-code',
    'enroll-code',
    BODIES.enroll,
    (b) => b.storeId,
    async (b) => ({ storeId: b.storeId, ...(await issueEnrollmentCode(store, b.storeId, b.ttlHours ?? 72, b.replaces ? { replaces: b.replaces } : {})) }),
  );
  action(
    '/v1/tokens/issue',
    'token-issue',
    BODIES.issueToken,
    (b) => b.name,
    (b) => issueToken(store, b.name, b.scopes, b.ttlDays ? { ttlDays: b.ttlDays } : {}),
  );
  action(
    '/v1/tokens/revoke',
    'token-revoke',
    BODIES.revokeToken,
    (b) => b.id,
    async (b) => {
      if (!(await revokeToken(store, b.id))) throw new AdminInputError(`token ${b.id} is unknown or already revoked`);
      return { id: b.id, revoked: true };
    },
  );
  action(
    '/v1/stores',
    'store-set',
    BODIES.store,
    (b) => b.storeId,
    (b, by) => setStoreMeta(store, b, by),
  );
  action(
    '/v1/stores/import',
    'stores-import',
    BODIES.importStores,
    () => null,
    (b, by) => importStoresCsv(store, b.csv, by),
  );

  app.get('/v1/tokens', async (req, reply) => {
    if (!(await requireToken(req, reply, 'admin'))) return reply;
    return { tokens: await listTokens(store) };
  });
  app.get('/v1/stores', async (req, reply) => {
    if (!(await requireToken(req, reply, 'stats:read'))) return reply;
    return { stores: await listStores(store) };
  });
}

const err = { description: 'error', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } };
const tokenAuth = [{ bearer: [] }];
const post = (summary: string, properties: Record<string, unknown>, required: string[], ok: string) => ({
  post: {
    summary: `${summary} (scope admin; logged in the console action log as token:<name>)`,
    security: tokenAuth,
    requestBody: { required: true, content: { 'application/json': { schema: { type: 'object', properties, required } } } },
    responses: { '200': { description: ok }, '400': err, '401': err, '403': err, '409': { ...err, description: 'refused: the message says why (e.g. the candidate is not awaiting approval)' } },
  },
});
const s = { type: 'string' };
const stores = { type: 'array', items: s, description: 'store ids; omitted or empty: every store' };

export const adminOpenApiPaths = {
  '/v1/models/approve': post('Approve a model candidate awaiting approval', { id: s, reason: s }, ['id', 'reason'], 'the candidate'),
  '/v1/models/reject': post('Reject a model candidate', { id: s, reason: s }, ['id', 'reason'], 'the candidate'),
  '/v1/models/refit': post('Refit a job’s scoring model into a candidate', { pack: s, reason: s }, ['pack', 'reason'], 'the new candidate'),
  '/v1/models/publish': post('Publish an approved candidate to all or some stores', { id: s, stores }, ['id'], '{ id, packId, status, modelVersion, downlinkVersion, sha256 }'),
  '/v1/models/rollback': post('Roll a job back to the model it used before', { pack: s, reason: s, stores }, ['pack', 'reason'], 'what was rolled back'),
  '/v1/fleet/revoke': post('Revoke a kiosk: its batches and requests are refused from now on', { kioskId: s }, ['kioskId'], '{ kioskId, revoked }'),
  '/v1/fleet/enroll-code': post(
    'One-time kiosk enrollment code (shown once)',
    { storeId: s, ttlHours: { type: 'integer', minimum: 1, maximum: 720 }, replaces: { ...s, description: 'kiosk id of the same store to replace' } },
    ['storeId'],
    '{ storeId, code, expiresAt, replaces }',
  ),
  '/v1/tokens/issue': post(
    'Issue an API token (shown once)',
    { name: s, scopes: { type: 'array', items: s }, ttlDays: { type: 'integer', minimum: 1, maximum: 3650 } },
    ['name', 'scopes'],
    '{ id, token, scopes, expiresAt }',
  ),
  '/v1/tokens/revoke': post('Revoke an API token', { id: s }, ['id'], '{ id, revoked }'),
  '/v1/tokens': { get: { summary: 'API tokens (never the token values) (scope admin)', security: tokenAuth, responses: { '200': { description: '{ tokens }' }, '401': err, '403': err } } },
  '/v1/stores': {
    ...post('Set a store’s region and display names', { storeId: s, region: s, nameZh: s, nameEn: s }, ['storeId'], 'the store'),
    get: { summary: 'Every store head office knows, with region and names (scope stats:read)', security: tokenAuth, responses: { '200': { description: '{ stores }' }, '401': err, '403': err } },
  },
  '/v1/stores/import': post('Import store regions and names from CSV text (store,region,name_zh,name_en); all or nothing', { csv: s }, ['csv'], '{ imported }'),
};
