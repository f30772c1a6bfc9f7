/**
 * GET /v1/kiosks/second-round-picks: the slots applicants chose on the phone page among the
 * second-round slots this kiosk offered, not yet booked by the kiosk (headoffice/phone/picks.ts).
 * Kiosk-signed like the audit anchor; a kiosk sees only picks for interviews it owns. The kiosk
 * books each one and sends `secondround.booked`, which takes it off this list.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { picksForKiosk } from './phone/picks.js';
import type { HoStore } from './store/types.js';

/** The server's kiosk check (signature, revocation, rate limit): the kiosk's row, or null once it has answered. */
export type RequireKiosk = (req: FastifyRequest, reply: FastifyReply) => Promise<{ id: string; store_id: string } | null>;

export function registerSecondRoundPickRoutes(app: FastifyInstance, store: HoStore, requireKiosk: RequireKiosk): void {
  app.get('/v1/kiosks/second-round-picks', async (req, reply) => {
    const k = await requireKiosk(req, reply);
    if (!k) return reply;
    return { picks: await picksForKiosk(store, k.id) };
  });
}

/** OpenAPI entry for the route above (headoffice/openapi.ts merges it). */
export const secondRoundPickOpenApiPaths = {
  '/v1/kiosks/second-round-picks': {
    get: {
      summary: 'Kiosk: second-round slots applicants picked on the phone page among the slots this kiosk offered, not yet booked (signed like the downlink)',
      security: [{ kioskSignature: [] }],
      responses: {
        '200': {
          description: '{ picks: [{ pickId, interviewId, decisionId, offerId, slotId, pickedAt }] }; the kiosk books each and sends secondround.booked',
        },
        '401': { description: 'unknown kiosk or bad signature' },
        '403': { description: 'kiosk revoked' },
        '429': { description: 'too many failed kiosk authentications from this address' },
      },
    },
  },
} as const;
