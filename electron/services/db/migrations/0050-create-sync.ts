import type Database from 'better-sqlite3-multiple-ciphers';

/** Kiosk side of sync: identity and keys, sealed batches, downlink versions, sync state. */
export default {
  version: 50,
  name: '0050-create-sync',
  up(db: Database.Database) {
    db.exec(`
      -- One row once enrolled. The private key lives only here, inside the encrypted database.
      CREATE TABLE sync_identity (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        kiosk_id TEXT NOT NULL,
        store_id TEXT NOT NULL,
        head_office_url TEXT NOT NULL,
        private_key_pem TEXT NOT NULL,
        public_key_pem TEXT NOT NULL,
        head_office_key_pem TEXT NOT NULL,
        enrolled_at TEXT NOT NULL
      ) STRICT;

      -- A batch is sealed (rows get its id, body and signature stored) before the first send,
      -- so a crash or hours offline resend exactly the same bytes.
      CREATE TABLE sync_batches (
        id TEXT PRIMARY KEY,
        seq INTEGER NOT NULL UNIQUE,
        record_count INTEGER NOT NULL,
        first_record_id TEXT NOT NULL,
        last_record_id TEXT NOT NULL,
        body BLOB,
        signature TEXT NOT NULL,
        created_at TEXT NOT NULL,
        attempts INTEGER NOT NULL DEFAULT 0,
        last_attempt_at TEXT,
        last_error TEXT,
        acked_at TEXT
      ) STRICT;
      CREATE INDEX sync_batches_pending ON sync_batches(acked_at, seq);
      CREATE INDEX outbox_batch ON outbox(batch_id);

      -- Every downlink version seen: active (in use), previous (kept for rollback), retired, rejected.
      CREATE TABLE sync_downlink (
        kind TEXT NOT NULL,
        name TEXT NOT NULL,
        version INTEGER NOT NULL,
        sha256 TEXT NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('active','previous','retired','rejected')),
        detail TEXT,
        received_at TEXT NOT NULL,
        PRIMARY KEY (kind, name, version)
      ) STRICT;

      CREATE TABLE sync_state (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
      ) STRICT;
    `);
  },
};
