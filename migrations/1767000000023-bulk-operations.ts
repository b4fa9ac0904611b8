import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Bulk operations of the workbench (assign many cases, decide many, one integration request to
 * many). The operation row is its own outbox: committed `pending`, then the worker's relay
 * queues it (job id = operation id, data = the id only). Items hold ids, the version each case
 * had when the staff member chose it, and the per-case result; nothing personal. `params` is the
 * one text and choice applied to every case (reasons, message, days, operator), never per person.
 */
export class BulkOperations1767000000023 implements MigrationInterface {
  name = 'BulkOperations1767000000023';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE bulk_operations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        kind text NOT NULL CHECK (kind IN ('assign', 'decide', 'request_integration')),
        actor_id uuid NOT NULL REFERENCES users(id),
        params jsonb NOT NULL,
        state text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'queued', 'running', 'done', 'failed')),
        total integer NOT NULL CHECK (total > 0),
        created_at timestamptz NOT NULL,
        queued_at timestamptz,
        started_at timestamptz,
        finished_at timestamptz
      );
      CREATE INDEX bulk_operations_actor ON bulk_operations (actor_id, created_at DESC);
      CREATE INDEX bulk_operations_open ON bulk_operations (state, queued_at) WHERE state IN ('pending', 'queued', 'running');
      CREATE TABLE bulk_operation_items (
        operation_id uuid NOT NULL REFERENCES bulk_operations(id) ON DELETE CASCADE,
        position integer NOT NULL CHECK (position >= 0),
        -- No foreign key: an id the caller may not see is refused per case as not found, never 500.
        application_id uuid NOT NULL,
        expected_version integer NOT NULL CHECK (expected_version > 0),
        result text CHECK (result IN ('done', 'already', 'refused')),
        refusal_code text,
        refusal_detail jsonb,
        finished_at timestamptz,
        PRIMARY KEY (operation_id, position),
        UNIQUE (operation_id, application_id),
        CHECK ((result = 'refused') = (refusal_code IS NOT NULL))
      );
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE bulk_operation_items; DROP TABLE bulk_operations;`);
  }
}
