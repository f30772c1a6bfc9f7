/**
 * HTTP routes for outcomes and fairness reports (registered by server.ts). Approving and
 * publishing a model stay on the CLI, run by an admin on the head-office host.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { ErrorCode, isKioskError } from '../../core/errors.js';
import type { Scope } from '../admin.js';
import { csvCell } from '../outcomes/csv.js';
import { rawFromApi, recordOutcomes } from '../outcomes/outcomes.js';
import type { HoStore } from '../store/types.js';
import { renderFairnessPage } from './page.js';
import { impactCsv, impactReport, modelsOverview, validityFor, type ReportFilter } from './report.js';
import { validityCsv } from './validityCsv.js';

type RequireToken = (req: FastifyRequest, reply: FastifyReply, scope: Scope) => Promise<{ id: string; scopes: string[] } | null>;

const Filter = z.object({
  store: z.string().max(64).optional(),
  pack: z.string().max(80).optional(),
  from: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .optional(),
  to: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .optional(),
});
const OutcomesBody = z.object({ outcomes: z.array(z.record(z.string(), z.unknown())).min(1).max(5000), recordedBy: z.string().min(1).max(80).optional() });

export function registerFairnessRoutes(app: FastifyInstance, store: HoStore, requireToken: RequireToken): void {
  const fail = (reply: FastifyReply, status: number, code: ErrorCode, message: string, extra: object = {}) => reply.code(status).send({ code, message, ...extra });
  const filterOf = (req: FastifyRequest, reply: FastifyReply): ReportFilter | null => {
    const f = Filter.safeParse(req.query);
    if (!f.success) {
      void fail(reply, 400, ErrorCode.BadRequest, 'filters: store, pack, from and to (YYYY-MM-DD)');
      return null;
    }
    return f.data;
  };

  app.post('/v1/outcomes', async (req, reply) => {
    const tok = await requireToken(req, reply, 'outcomes:write');
    if (!tok) return reply;
    const b = OutcomesBody.safeParse(req.body);
    if (!b.success) return fail(reply, 400, ErrorCode.BadRequest, 'expected { outcomes: [{ interviewId | receiptCode, hireDate, retained30?, retained90?, rating? }, …] } (1–5000 rows)');
    const r = await recordOutcomes(store, rawFromApi(b.data.outcomes), { source: 'api', by: b.data.recordedBy ?? `token ${tok.id}` });
    if (!r.ok) return fail(reply, 422, ErrorCode.OutcomesInvalid, `${r.errorCount} problem(s) found; nothing was recorded. Fix the listed rows and send the whole list again.`, { errors: r.errors });
    return { recorded: r.outcomes.length, inserted: r.inserted, updated: r.updated };
  });

  app.get('/v1/fairness/report', async (req, reply) => {
    if (!(await requireToken(req, reply, 'fairness:read'))) return reply;
    const f = filterOf(req, reply);
    return f ? impactReport(store, f) : reply;
  });

  app.get('/v1/fairness/report.csv', async (req, reply) => {
    if (!(await requireToken(req, reply, 'fairness:read'))) return reply;
    const f = filterOf(req, reply);
    if (!f) return reply;
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', 'attachment; filename="impact-ratios.csv"')
      .send(impactCsv(await impactReport(store, f), csvCell));
  });

  app.get('/v1/fairness/validity', async (req, reply) => {
    if (!(await requireToken(req, reply, 'fairness:read'))) return reply;
    const pack = (req.query as { pack?: string }).pack;
    if (!pack) return fail(reply, 400, ErrorCode.BadRequest, 'give ?pack=<job pack id>');
    try {
      const v = await validityFor(store, pack);
      return (req.query as { format?: string }).format === 'csv' ? reply.type('text/csv; charset=utf-8').send(validityCsv(v)) : v;
    } catch (e) {
      return fail(reply, 404, ErrorCode.NotFound, (e as Error).message);
    }
  });

  app.get('/v1/models', async (req, reply) => {
    if (!(await requireToken(req, reply, 'fairness:read'))) return reply;
    return modelsOverview(store, (req.query as { pack?: string }).pack);
  });

  app.get('/fairness', async (req, reply) => {
    if (!(await requireToken(req, reply, 'fairness:read'))) return reply;
    const f = filterOf(req, reply);
    if (!f) return reply;
    const q = new URLSearchParams(Object.entries(f).filter((e): e is [string, string] => typeof e[1] === 'string'));
    const token = (req.query as { token?: string }).token;
    if (token) q.set('token', token);
    try {
      const html = renderFairnessPage(await impactReport(store, f), await modelsOverview(store, f.pack), `/v1/fairness/report.csv?${q.toString()}`);
      return reply.type('text/html; charset=utf-8').header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'").send(html);
    } catch (e) {
      if (isKioskError(e)) return fail(reply, 409, e.code, e.message);
      throw e;
    }
  });
}
