import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Starting a bulk operation is idempotent: the caller's Idempotency-Key (the page's per-form
 * `_key`) is unique per staff member, so a double click or a resubmitted POST finds the operation
 * the first one started. `request_hash` fingerprints what was asked: the same key for another
 * request is refused, not silently answered with an unrelated operation.
 */
export class BulkIdempotency1767000000026 implements MigrationInterface {
  name = 'BulkIdempotency1767000000026';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE bulk_operations
        ADD COLUMN idempotency_key text,
        ADD COLUMN request_hash text,
        ADD CONSTRAINT bulk_operations_actor_key UNIQUE (actor_id, idempotency_key),
        ADD CONSTRAINT bulk_operations_key_hash CHECK ((idempotency_key IS NULL) = (request_hash IS NULL));
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE bulk_operations
        DROP CONSTRAINT bulk_operations_key_hash,
        DROP CONSTRAINT bulk_operations_actor_key,
        DROP COLUMN request_hash,
        DROP COLUMN idempotency_key;
    `);
  }
}
