import { sqlMigration } from './types.js';

/**
 * Audit anchor: the highest audit-log head any batch of the kiosk carried (seq, hash, the
 * batch that carried it), and the last time a later batch contradicted it.
 */
export default sqlMigration(4, '0004-add-audit-anchor', (t) => [
  `ALTER TABLE ho_kiosks ADD COLUMN audit_seq ${t.int}`,
  `ALTER TABLE ho_kiosks ADD COLUMN audit_hash TEXT`,
  `ALTER TABLE ho_kiosks ADD COLUMN audit_batch_seq ${t.int}`,
  `ALTER TABLE ho_kiosks ADD COLUMN audit_at TEXT`,
  `ALTER TABLE ho_kiosks ADD COLUMN audit_alert TEXT`,
]);
