import { sqlMigration } from './types.js';

/**
 * Issue 18: store metadata and the kiosk's status report.
 * - ho_notify_stores (migration 6: a store's display names in zh-CN and en) becomes the one table
 *   of store metadata: it gains the store's region and who last changed the row. The funnel,
 *   fleet and applicants pages group and filter by region through it.
 * - ho_kiosks gains what the kiosk reports beside its downlink versions (POST /v1/kiosks/versions,
 *   every field optional so older kiosks still report): the age of its oldest unsent record and
 *   how many wait, the packs, scoring models and speech/face models it has, when that report
 *   came, and the last few errors it reported (newest first, JSON).
 */
export default sqlMigration(7, '0007-add-stores-and-fleet', (t) => [
  `ALTER TABLE ho_notify_stores ADD COLUMN region TEXT`,
  `ALTER TABLE ho_notify_stores ADD COLUMN updated_by TEXT`,
  `CREATE INDEX ho_notify_stores_region ON ho_notify_stores (region)`,
  `ALTER TABLE ho_kiosks ADD COLUMN sync_lag_ms ${t.int}`,
  `ALTER TABLE ho_kiosks ADD COLUMN pending_records ${t.int}`,
  `ALTER TABLE ho_kiosks ADD COLUMN status_json TEXT`,
  `ALTER TABLE ho_kiosks ADD COLUMN status_at TEXT`,
  `ALTER TABLE ho_kiosks ADD COLUMN errors_json TEXT NOT NULL DEFAULT '[]'`,
]);
