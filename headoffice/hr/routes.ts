/**
 * Token API for what the console shows (issue 18: what the console can read, an HR system can
 * read too): the funnel with filters, applicant search and one applicant's record, the fleet.
 * Registered by server.ts; documented in openapi.ts (hrOpenApiPaths).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ErrorCode } from '../../core/errors.js';
import type { Scope } from '../admin.js';
import type { HoStore } from '../store/types.js';
import { applicantDetail, searchApplicants } from './applicants.js';
import { fleetStatus } from './fleet.js';
import { computeFunnel, type GroupBy } from './funnel.js';

type RequireToken = (req: FastifyRequest, reply: FastifyReply, scope: Scope) => Promise<{ id: string; scopes: string[] } | null>;
type Q = Record<string, string | undefined>;

export function registerHrRoutes(app: FastifyInstance, store: HoStore, requireToken: RequireToken): void {
  app.get('/v1/funnel', async (req, reply) => {
    if (!(await requireToken(req, reply, 'stats:read'))) return reply;
    const q = req.query as Q;
    return computeFunnel(store, { by: q.by as GroupBy | undefined, region: q.region, store: q.store, opening: q.opening, from: q.from, to: q.to });
  });
  app.get('/v1/applicants', async (req, reply) => {
    if (!(await requireToken(req, reply, 'export'))) return reply;
    const q = req.query as Q;
    return searchApplicants(store, {
      region: q.region,
      store: q.store,
      opening: q.opening,
      status: q.status,
      from: q.from,
      to: q.to,
      q: q.q,
      after: q.after,
      before: q.before,
      limit: q.limit ? Number(q.limit) || 50 : 50,
    });
  });
  app.get('/v1/applicants/record', async (req, reply) => {
    if (!(await requireToken(req, reply, 'export'))) return reply;
    const id = (req.query as Q).id;
    const d = id ? await applicantDetail(store, id.slice(0, 128)) : null;
    return d ?? reply.code(404).send({ code: ErrorCode.NotFound, message: 'no interview with that id (?id=<interviewId>)' });
  });
  app.get('/v1/fleet', async (req, reply) => {
    if (!(await requireToken(req, reply, 'admin'))) return reply;
    return { kiosks: await fleetStatus(store, { region: (req.query as Q).region }) };
  });
}

const err = { description: 'error', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } };
const tokenAuth = [{ bearer: [] }];
const str = (name: string, description?: string) => ({ name, in: 'query', schema: { type: 'string' }, ...(description ? { description } : {}) });
const filters = [str('region', 'stores of this region (see /v1/stores)'), str('store'), str('opening', 'job pack id'), str('from', 'YYYY-MM-DD'), str('to', 'YYYY-MM-DD, inclusive')];

export const hrOpenApiPaths = {
  '/v1/funnel': {
    get: {
      summary: 'Funnel started → abandoned/completed → recommended → passed → scheduled → hired, grouped and filtered (scope stats:read)',
      security: tokenAuth,
      parameters: [str('by', 'region | store | opening | week | storeOpening'), ...filters],
      responses: { '200': { description: '{ groups, total, filter, stores, openings, regions }' }, '401': err, '403': err },
    },
  },
  '/v1/applicants': {
    get: {
      summary: 'Applicant search (scope export); erased applicants are listed as erased',
      security: tokenAuth,
      parameters: [
        ...filters,
        str('status', 'completed | abandoned | pass | hold | fail | undecided | scheduled | hired | erased'),
        str('q', 'name, receipt code or interview id'),
        str('limit', '1 to 500, default 50'),
        str('after', 'nextCursor of a page: the page after it (older)'),
        str('before', 'prevCursor of a page: the page before it (newer)'),
      ],
      responses: { '200': { description: '{ rows (newest first), total, first, nextCursor, prevCursor, isTruncated }' }, '401': err, '403': err },
    },
  },
  '/v1/applicants/record': {
    get: {
      summary: 'One applicant’s synced record, decisions and outcome (scope export)',
      security: tokenAuth,
      parameters: [str('id', 'interview id')],
      responses: { '200': { description: 'ApplicantDetail' }, '401': err, '403': err, '404': err },
    },
  },
  '/v1/fleet': {
    get: {
      summary: 'Every kiosk with last contact, sync lag, packs and models in use, installed speech/face models, recent errors and why it needs attention (scope admin)',
      security: tokenAuth,
      parameters: [str('region')],
      responses: { '200': { description: '{ kiosks }' }, '401': err, '403': err },
    },
  },
};
