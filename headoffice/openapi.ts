/** Hand-written OpenAPI 3.1 document for the routes in server.ts (a test checks they match). */
import { HEAD_OFFICE_CODES } from '../core/errors.js';
import { consoleOpenApiPaths } from './console/routeTable.js';
import { phoneOpenApiPaths } from './phone/resultPage.js';
import { secondRoundPickOpenApiPaths } from './secondRoundPicks.js';
import { adminOpenApiPaths } from './hr/adminApi.js';
import { hrOpenApiPaths } from './hr/routes.js';

const err = { description: 'error', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } };
const tokenAuth = [{ bearer: [] }];
const kioskAuth = [{ kioskSignature: [] }];
const reportFilters = [
  { name: 'store', in: 'query', schema: { type: 'string' } },
  { name: 'pack', in: 'query', schema: { type: 'string' } },
  { name: 'from', in: 'query', schema: { type: 'string', format: 'date' } },
  { name: 'to', in: 'query', schema: { type: 'string', format: 'date' }, description: 'inclusive' },
];

export const openApiDocument = {
  openapi: '3.1.0',
  info: { title: 'Interview kiosk head office', version: '1.0.0', description: 'Sync protocol: see docs/sync.md.' },
  components: {
    securitySchemes: {
      bearer: {
        type: 'http',
        scheme: 'bearer',
        description:
          'Scoped API token (feed:read, stats:read, export, outcomes:write, fairness:read, admin), only in the Authorization header (a `token` query parameter is refused: 400 TOKEN_IN_QUERY). Tokens expire (default 90 days): 401 TOKEN_EXPIRED.',
      },
      kioskSignature: { type: 'apiKey', in: 'header', name: 'x-signature', description: 'Ed25519 signature by the enrolled kiosk key; with x-kiosk-id.' },
    },
    schemas: {
      Error: {
        type: 'object',
        required: ['code', 'message'],
        properties: { code: { type: 'string', enum: [...HEAD_OFFICE_CODES], description: 'stable, for programs (docs/sync.md, Error codes)' }, message: { type: 'string', description: 'for people' } },
      },
      BatchAck: {
        type: 'object',
        properties: {
          batchId: { type: 'string' },
          duplicateBatch: { type: 'boolean' },
          accepted: { type: 'integer' },
          duplicates: { type: 'integer' },
          rejected: { type: 'array', items: { type: 'object', properties: { id: { type: 'string' }, reason: { type: 'string' } } } },
          watermarkSeq: { type: 'integer' },
          watermark: { type: ['string', 'null'] },
          serverTime: { type: 'string' },
        },
      },
      FeedItem: {
        type: 'object',
        properties: {
          cursor: { type: 'string' },
          recordId: { type: 'string' },
          kind: { type: 'string' },
          status: { type: 'string' },
          storeId: { type: 'string' },
          kioskId: { type: 'string' },
          subjectId: { type: 'string' },
          interviewId: { type: ['string', 'null'] },
          kioskCreatedAt: { type: 'string' },
          receivedAt: { type: 'string' },
          erased: { type: 'boolean' },
          payload: {},
        },
      },
    },
  },
  paths: {
    '/v1/health': { get: { summary: 'Liveness and storage kind', responses: { '200': { description: 'ok' } } } },
    '/v1/openapi.json': { get: { summary: 'This document', responses: { '200': { description: 'OpenAPI 3.1' } } } },
    '/v1/enroll': {
      post: {
        summary: 'Register a kiosk public key with a one-time enrollment code',
        requestBody: {
          content: {
            'application/json': {
              schema: {
                type: 'object',
                required: ['code', 'publicKey'],
                properties: { code: { type: 'string' }, publicKey: { type: 'string', description: 'Ed25519 SPKI PEM' }, label: { type: 'string' } },
              },
            },
          },
        },
        responses: {
          '200': {
            description: 'kioskId, storeId, headOfficePublicKey, headOfficeBoxKey (X25519, base64; USB export files are sealed to it), headOfficeBoxKeySignature (Ed25519 by headOfficePublicKey)',
          },
          '400': err,
          '401': err,
          '429': { description: 'RATE_LIMITED: too many failed codes from this address; Retry-After (s)' },
        },
      },
    },
    '/v1/batches': {
      post: {
        summary: 'Upload one signed, gzip-compressed batch',
        security: kioskAuth,
        parameters: [
          { name: 'x-kiosk-id', in: 'header', required: true, schema: { type: 'string' } },
          { name: 'x-batch-id', in: 'header', required: true, schema: { type: 'string' } },
          { name: 'x-signature', in: 'header', required: true, schema: { type: 'string' } },
          { name: 'x-body-sha256', in: 'header', required: false, schema: { type: 'string' }, description: 'hex sha256 of the body; a mismatch answers 400 BODY_INCOMPLETE (retryable)' },
        ],
        requestBody: { content: { 'application/octet-stream': { schema: { type: 'string', format: 'binary' } } } },
        responses: {
          '200': {
            description: 'acknowledgement; records about another kiosk’s interviews or applicants are listed in rejected[]',
            content: { 'application/json': { schema: { $ref: '#/components/schemas/BatchAck' } } },
          },
          '400': err,
          '401': err,
          '403': { description: 'KIOSK_REVOKED: this kiosk was revoked at head office' },
          '409': err,
          '422': { description: 'RECORD_VERSION_UNKNOWN: the batch holds a record kind or version this head office cannot read yet; the kiosk keeps it and retries' },
          '429': { description: 'RATE_LIMITED: too many failed kiosk authentications from this address; Retry-After (s)' },
        },
      },
    },
    '/v1/downlink': {
      get: {
        summary: 'Latest signed packs, openings, shift templates and models for this kiosk’s store',
        security: kioskAuth,
        responses: { '200': { description: '{ items }' }, '401': err, '403': err, '429': err },
      },
    },
    '/v1/kiosks/versions': {
      post: {
        summary:
          'Kiosk status report after each sync round (also after a failed push): downlink versions in use, last error; newer kiosks add sync lag, pending records, packs, scoring models and installed speech/face models (all optional: older kiosks send only versions and lastError)',
        security: kioskAuth,
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: {
                type: 'object',
                required: ['versions', 'lastError'],
                properties: {
                  versions: { type: 'array', items: { type: 'object', properties: { kind: { type: 'string' }, name: { type: 'string' }, version: { type: 'integer' }, state: { type: 'string' } } } },
                  lastError: { type: ['string', 'null'] },
                  lastErrorAt: { type: ['string', 'null'], description: 'kiosk clock, ISO 8601' },
                  syncLagMs: { type: ['integer', 'null'], description: 'age of the oldest record head office has not acknowledged, on the kiosk clock; null when none waits' },
                  pendingRecords: { type: 'integer' },
                  packs: { type: 'array', items: { type: 'object', properties: { id: { type: 'string' }, version: { type: 'string' } } } },
                  scoringModels: { type: 'array', items: { type: 'object', properties: { packId: { type: 'string' }, modelVersion: { type: 'string' } } } },
                  installedModels: {
                    type: 'array',
                    items: {
                      type: 'object',
                      properties: { name: { type: 'string' }, kind: { type: 'string', enum: ['speech', 'face'] }, lang: { type: ['string', 'null'] }, isValid: { type: 'boolean' } },
                    },
                  },
                  appVersion: { type: 'string' },
                },
              },
            },
          },
        },
        responses: { '200': { description: 'ok' }, '400': err, '401': err, '403': err, '429': err },
      },
    },
    '/v1/kiosks/audit-anchor': {
      get: {
        summary: 'The latest audit-log head this kiosk’s batches carried, for audit verify (docs/sync.md, Audit anchor)',
        security: kioskAuth,
        responses: { '200': { description: '{ anchor: { seq, hash } | null, batchSeq, anchoredAt, alert }' }, '401': err, '403': err, '429': err },
      },
    },
    '/v1/feed': {
      get: {
        summary: 'Records in head-office receive order, after a cursor',
        security: tokenAuth,
        parameters: [
          { name: 'after', in: 'query', schema: { type: 'string' }, description: 'cursor; default: the last one this token acknowledged' },
          { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 1000, default: 100 } },
          { name: 'store', in: 'query', schema: { type: 'string' } },
          { name: 'status', in: 'query', schema: { type: 'string', enum: ['completed', 'abandoned', 'pass', 'hold', 'fail', 'undone', 'deleted', 'human_requested'] } },
        ],
        responses: { '200': { description: '{ items: FeedItem[], nextCursor, hasMore }' }, '400': err, '401': err, '403': err },
      },
    },
    '/v1/feed/ack': {
      post: {
        summary: 'Acknowledge everything up to a cursor (per token; only moves forward)',
        security: tokenAuth,
        requestBody: { content: { 'application/json': { schema: { type: 'object', required: ['cursor'], properties: { cursor: { type: 'string' } } } } } },
        responses: { '200': { description: '{ cursor }' }, '400': err, '401': err, '403': err },
      },
    },
    '/v1/stats': {
      get: {
        summary: 'Funnel, pass rates and score bins per store and opening',
        security: tokenAuth,
        parameters: [{ name: 'store', in: 'query', schema: { type: 'string' } }],
        responses: { '200': { description: 'stats JSON' }, '401': err, '403': err },
      },
    },
    '/v1/outcomes': {
      post: {
        summary: 'Record outcomes of hired applicants (all rows or none; a row for the same interview replaces it). See docs/fairness.md',
        security: tokenAuth,
        requestBody: {
          content: {
            'application/json': {
              schema: {
                type: 'object',
                required: ['outcomes'],
                properties: {
                  recordedBy: { type: 'string' },
                  outcomes: {
                    type: 'array',
                    minItems: 1,
                    maxItems: 5000,
                    items: {
                      type: 'object',
                      required: ['hireDate'],
                      properties: {
                        interviewId: { type: 'string' },
                        receiptCode: { type: 'string' },
                        hireDate: { type: 'string', format: 'date' },
                        retained30: { type: ['boolean', 'null'] },
                        retained90: { type: ['boolean', 'null'] },
                        rating: { type: ['integer', 'null'], minimum: 1, maximum: 5 },
                      },
                    },
                  },
                },
              },
            },
          },
        },
        responses: {
          '200': { description: '{ recorded, inserted, updated }' },
          '400': err,
          '401': err,
          '403': err,
          '422': { description: 'nothing recorded: { code: OUTCOMES_INVALID, message, errors: [{ row, column, problem }] }' },
        },
      },
    },
    '/v1/fairness/report': {
      get: {
        summary: 'Impact ratios per store, job and period (LL144 table shape)',
        security: tokenAuth,
        parameters: reportFilters,
        responses: { '200': { description: 'FairnessReport JSON' }, '400': err, '401': err, '403': err },
      },
    },
    '/v1/fairness/report.csv': {
      get: { summary: 'The impact-ratio table as CSV', security: tokenAuth, parameters: reportFilters, responses: { '200': { description: 'text/csv' }, '400': err, '401': err, '403': err } },
    },
    '/v1/fairness/validity': {
      get: {
        summary: 'Validity report for one job: scores and features against outcomes, with n and 95% CI',
        security: tokenAuth,
        parameters: [
          { name: 'pack', in: 'query', required: true, schema: { type: 'string' } },
          { name: 'format', in: 'query', schema: { type: 'string', enum: ['json', 'csv'] } },
        ],
        responses: { '200': { description: 'ValidityReport JSON or CSV' }, '400': err, '401': err, '403': err, '404': err },
      },
    },
    '/v1/models': {
      get: {
        summary: 'Model candidates, the model change log and scoring models in use per kiosk',
        security: tokenAuth,
        parameters: [{ name: 'pack', in: 'query', schema: { type: 'string' } }],
        responses: { '200': { description: '{ candidates, changes, inUse }' }, '401': err, '403': err },
      },
    },
    '/fairness': {
      get: {
        summary: 'Fairness and validity page (token in the Authorization header)',
        security: tokenAuth,
        parameters: reportFilters,
        responses: { '200': { description: 'text/html' }, '401': err },
      },
    },
    '/stats': { get: { summary: 'The same as a simple HTML page (token in the Authorization header)', security: tokenAuth, responses: { '200': { description: 'text/html' }, '401': err } } },
    ...hrOpenApiPaths,
    ...adminOpenApiPaths,
    ...consoleOpenApiPaths,
    ...phoneOpenApiPaths,
    ...secondRoundPickOpenApiPaths,
  },
} as const;
