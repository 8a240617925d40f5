// The PostgreSQL schema as numbered migrations, applied in order on start. An advisory lock makes
// instances that start together take turns: the first applies what is missing, the others find it
// done. A migration is never edited once released; changes are new entries.

import type { Pool } from 'pg'

export interface Migration {
  version: number
  name: string
  sql: string
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'boards, update log, snapshots, invites, members, decisions, activity, meta',
    // Text timestamps compare as in SQLite (byte order): COLLATE "C". Every append bumps the board's
    // counter in board_seqs under its row lock, so a board's sequence numbers commit in order.
    sql: `
      CREATE TABLE boards (
        id text PRIMARY KEY,
        title text NOT NULL,
        created_at text COLLATE "C" NOT NULL
      );
      CREATE TABLE board_seqs (
        board_id text PRIMARY KEY,
        last_seq bigint NOT NULL
      );
      CREATE TABLE updates (
        board_id text NOT NULL,
        seq bigint NOT NULL,
        data bytea NOT NULL,
        PRIMARY KEY (board_id, seq)
      );
      CREATE TABLE snapshots (
        board_id text PRIMARY KEY,
        data bytea NOT NULL,
        upto_seq bigint NOT NULL
      );
      CREATE TABLE invites (
        id text PRIMARY KEY,
        ord bigserial NOT NULL,
        board_id text NOT NULL,
        role text NOT NULL,
        function text,
        name text,
        created_at text COLLATE "C" NOT NULL,
        revoked_at text
      );
      CREATE INDEX invites_by_board ON invites (board_id);
      CREATE TABLE members (
        id text PRIMARY KEY,
        ord bigserial NOT NULL,
        board_id text NOT NULL,
        invite_id text NOT NULL,
        name text NOT NULL,
        role text NOT NULL,
        function text,
        joined_at text COLLATE "C" NOT NULL,
        revoked_at text
      );
      CREATE INDEX members_by_board ON members (board_id);
      CREATE TABLE decisions (
        id text PRIMARY KEY,
        ord bigserial NOT NULL,
        board_id text NOT NULL,
        card_id text NOT NULL,
        function text NOT NULL,
        verdict text NOT NULL,
        reason text NOT NULL,
        by_id text NOT NULL,
        by_name text NOT NULL,
        at text COLLATE "C" NOT NULL,
        fingerprint text NOT NULL,
        round integer NOT NULL
      );
      CREATE INDEX decisions_by_card ON decisions (board_id, card_id);
      CREATE TABLE activity (
        id bigserial PRIMARY KEY,
        board_id text NOT NULL,
        at text COLLATE "C" NOT NULL,
        actor_id text NOT NULL,
        actor_name text NOT NULL,
        card_id text NOT NULL,
        card_title text NOT NULL,
        action text NOT NULL
      );
      CREATE INDEX activity_by_board ON activity (board_id, at, id);
      CREATE INDEX activity_by_card ON activity (board_id, card_id, at, id);
      CREATE INDEX activity_by_actor ON activity (board_id, actor_id, at, id);
      CREATE TABLE meta (
        key text PRIMARY KEY,
        value text NOT NULL
      );
    `,
  },
  {
    version: 2,
    name: 'previous snapshot generation, kept as a fallback for a damaged snapshot',
    sql: `
      ALTER TABLE snapshots ADD COLUMN prev_data bytea;
      ALTER TABLE snapshots ADD COLUMN prev_upto_seq bigint;
    `,
  },
  {
    version: 3,
    name: 'named versions of boards: metadata and the whole encoded document state',
    sql: `
      CREATE TABLE versions (
        id text PRIMARY KEY,
        ord bigserial NOT NULL,
        board_id text NOT NULL,
        name text NOT NULL,
        created_at text COLLATE "C" NOT NULL,
        created_by text NOT NULL,
        created_by_name text NOT NULL,
        card_count integer,
        state bytea NOT NULL
      );
      CREATE INDEX versions_by_board ON versions (board_id, created_at, ord);
    `,
  },
  {
    version: 4,
    name: 'owners of Yjs client ids per board: who may write structs under each',
    // client_id is a Yjs client id (an unsigned 32-bit number): bigint holds all of them.
    sql: `
      CREATE TABLE client_owners (
        board_id text NOT NULL,
        client_id bigint NOT NULL,
        owner text NOT NULL,
        claimed_at text COLLATE "C" NOT NULL,
        PRIMARY KEY (board_id, client_id)
      );
    `,
  },
  {
    version: 5,
    name: 'SHA-256 of each snapshot generation, to check stored bytes without decoding them',
    sql: `
      ALTER TABLE snapshots ADD COLUMN digest bytea;
      ALTER TABLE snapshots ADD COLUMN prev_digest bytea;
    `,
  },
]

/** Applies the migrations this database lacks; returns the versions it applied. */
export async function migrate(pool: Pool, migrations: readonly Migration[] = MIGRATIONS): Promise<number[]> {
  const client = await pool.connect()
  const applied: number[] = []
  try {
    // Session-level lock keyed by schema, so separate schemas (tests) do not wait for each other.
    await client.query(`SELECT pg_advisory_lock(hashtext('tideboard:migrations:' || current_schema()))`)
    try {
      await client.query(
        `CREATE TABLE IF NOT EXISTS schema_migrations (
           version integer PRIMARY KEY,
           name text NOT NULL,
           applied_at timestamptz NOT NULL DEFAULT now()
         )`,
      )
      const done = new Set(
        (await client.query<{ version: number }>('SELECT version FROM schema_migrations')).rows.map(
          (r) => r.version,
        ),
      )
      for (const migration of migrations) {
        if (done.has(migration.version)) continue
        await client.query('BEGIN')
        try {
          await client.query(migration.sql)
          await client.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [
            migration.version,
            migration.name,
          ])
          await client.query('COMMIT')
        } catch (error) {
          await client.query('ROLLBACK')
          throw new Error(
            `migration ${migration.version} (${migration.name}) failed: ${error instanceof Error ? error.message : String(error)}`,
          )
        }
        applied.push(migration.version)
      }
    } finally {
      await client.query(`SELECT pg_advisory_unlock(hashtext('tideboard:migrations:' || current_schema()))`)
    }
  } finally {
    client.release()
  }
  return applied
}
