import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The audit trail: an append-only, hash-chained log (docs/audit.md).
 *
 * - Append-only is enforced by PostgreSQL: row triggers reject UPDATE and DELETE, a statement
 *   trigger rejects TRUNCATE, and UPDATE/DELETE/TRUNCATE are revoked from PUBLIC and from the
 *   role running the migrations (superusers bypass privileges, never the triggers).
 * - The chain: a BEFORE INSERT trigger locks the one-row chain head (held until commit),
 *   assigns the next seq, and sets hash = sha256(prev_hash || '|' || canonical content).
 *   Writers therefore commit in seq order; callers write their entry last in a transaction.
 *   The canonical content is rebuilt byte for byte by src/modules/audit/audit-chain.ts.
 */
export class Audit1767000000002 implements MigrationInterface {
  name = 'Audit1767000000002';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE audit_log (
        seq bigint PRIMARY KEY,
        id uuid NOT NULL UNIQUE DEFAULT gen_random_uuid(),
        occurred_at timestamptz NOT NULL,
        actor_id uuid,
        actor_role text,
        action text NOT NULL CHECK (action ~ '^[a-z_]+(\\.[a-z_]+)+$'),
        target_type text,
        target_id text,
        request_id text,
        change jsonb NOT NULL DEFAULT '{}',
        prev_hash text NOT NULL CHECK (prev_hash ~ '^[0-9a-f]{64}$'),
        hash text NOT NULL UNIQUE CHECK (hash ~ '^[0-9a-f]{64}$')
      );
      CREATE INDEX audit_log_action_idx ON audit_log (action, seq);
      CREATE INDEX audit_log_actor_idx ON audit_log (actor_id, seq);
      CREATE INDEX audit_log_target_idx ON audit_log (target_type, target_id, seq);
      CREATE INDEX audit_log_occurred_idx ON audit_log (occurred_at);

      -- The chain head: one row, locked by each insert until its transaction ends.
      CREATE TABLE audit_chain_head (
        singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
        last_seq bigint NOT NULL,
        last_hash text NOT NULL
      );
      INSERT INTO audit_chain_head (last_seq, last_hash) VALUES (0, repeat('0', 64));

      -- One field of the canonical content: '~' for null, else <octets>:<text> (unambiguous).
      CREATE FUNCTION audit_field(v text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
        SELECT CASE WHEN v IS NULL THEN '~' ELSE octet_length(v)::text || ':' || v END
      $$;

      CREATE FUNCTION audit_canonical(e audit_log) RETURNS text LANGUAGE sql STABLE AS $$
        SELECT concat_ws('|',
          e.seq::text,
          e.id::text,
          to_char(e.occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
          audit_field(e.actor_id::text),
          audit_field(e.actor_role),
          audit_field(e.action),
          audit_field(e.target_type),
          audit_field(e.target_id),
          audit_field(e.request_id),
          audit_field(e.change::text))
      $$;

      CREATE FUNCTION audit_log_chain() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        head audit_chain_head;
      BEGIN
        -- FOR UPDATE: waits for a concurrent writer to commit, then reads its head (READ
        -- COMMITTED); under REPEATABLE READ/SERIALIZABLE it fails with 40001 and is retried.
        SELECT * INTO head FROM audit_chain_head WHERE singleton FOR UPDATE;
        NEW.seq := head.last_seq + 1;
        NEW.prev_hash := head.last_hash;
        NEW.hash := encode(sha256(convert_to(NEW.prev_hash || '|' || audit_canonical(NEW), 'UTF8')), 'hex');
        UPDATE audit_chain_head SET last_seq = NEW.seq, last_hash = NEW.hash WHERE singleton;
        RETURN NEW;
      END;
      $$;
      CREATE TRIGGER audit_log_chain BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_chain();

      CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_log is append-only: % is not allowed', TG_OP USING ERRCODE = 'insufficient_privilege';
      END;
      $$;
      CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
        FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
      CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
        FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();
      CREATE TRIGGER audit_chain_head_no_delete BEFORE DELETE OR TRUNCATE ON audit_chain_head
        FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();

      REVOKE UPDATE, DELETE, TRUNCATE ON audit_log FROM PUBLIC;
      REVOKE DELETE, TRUNCATE ON audit_chain_head FROM PUBLIC;
    `);
    // The connecting role (the application's, unless migrations run as another): no rights to
    // rewrite history. It keeps SELECT and INSERT.
    await q.query(`
      DO $$ BEGIN
        EXECUTE format('REVOKE UPDATE, DELETE, TRUNCATE ON audit_log FROM %I', current_user);
        EXECUTE format('REVOKE DELETE, TRUNCATE ON audit_chain_head FROM %I', current_user);
      END $$;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE audit_log;
      DROP TABLE audit_chain_head;
      DROP FUNCTION audit_log_chain();
      DROP FUNCTION audit_log_append_only();
      DROP FUNCTION audit_canonical(audit_log);
      DROP FUNCTION audit_field(text);
    `);
  }
}
