import type { Db } from '../db/openDatabase.js';

/** Kiosk sync identity (one row once enrolled). */
export type SyncIdentity = {
  kioskId: string;
  storeId: string;
  headOfficeUrl: string;
  privateKeyPem: string;
  publicKeyPem: string;
  headOfficeKeyPem: string;
  enrolledAt: string;
};

export function getIdentity(db: Db): SyncIdentity | null {
  const r = db
    .prepare(
      `SELECT kiosk_id AS kioskId, store_id AS storeId, head_office_url AS headOfficeUrl, private_key_pem AS privateKeyPem,
              public_key_pem AS publicKeyPem, head_office_key_pem AS headOfficeKeyPem, enrolled_at AS enrolledAt
       FROM sync_identity WHERE id = 1`,
    )
    .get() as SyncIdentity | undefined;
  return r ?? null;
}

export function saveIdentity(db: Db, id: SyncIdentity): void {
  db.prepare(
    `INSERT INTO sync_identity (id, kiosk_id, store_id, head_office_url, private_key_pem, public_key_pem, head_office_key_pem, enrolled_at)
     VALUES (1, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT(id) DO UPDATE SET kiosk_id = excluded.kiosk_id, store_id = excluded.store_id, head_office_url = excluded.head_office_url,
       private_key_pem = excluded.private_key_pem, public_key_pem = excluded.public_key_pem,
       head_office_key_pem = excluded.head_office_key_pem, enrolled_at = excluded.enrolled_at`,
  ).run(id.kioskId, id.storeId, id.headOfficeUrl, id.privateKeyPem, id.publicKeyPem, id.headOfficeKeyPem, id.enrolledAt);
}

// headOfficeBoxKey: head office's X25519 key (base64) for sealed USB export, checked at enrollment.
// auditAnchor: JSON {seq, hash} head office last returned from GET /v1/kiosks/audit-anchor.
export type StateKey = 'lastSuccessAt' | 'lastAttemptAt' | 'lastError' | 'lastErrorAt' | 'lastWatermark' | 'headOfficeBoxKey' | 'auditAnchor';

export function getState(db: Db, key: StateKey): string | null {
  const r = db.prepare('SELECT value FROM sync_state WHERE key = ?').get(key) as { value: string } | undefined;
  return r?.value ?? null;
}

export function setState(db: Db, key: StateKey, value: string | null): void {
  if (value === null) db.prepare('DELETE FROM sync_state WHERE key = ?').run(key);
  else db.prepare('INSERT INTO sync_state (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(key, value);
}

/** Remembers a failure in words a store manager can read on the sync status screen. */
export function recordError(db: Db, message: string): void {
  setState(db, 'lastError', message);
  setState(db, 'lastErrorAt', new Date().toISOString());
}
