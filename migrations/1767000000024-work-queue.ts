import type { MigrationInterface, QueryRunner } from 'typeorm';

const OPEN = `status IN ('SUBMITTED','IN_REVIEW','INTEGRATION_REQUESTED','PROPOSED','PRE_REJECTION_NOTICE')`;

/**
 * The work queue at 100,000 open cases per territory (bench/workqueue): the queue's order as an
 * index (work-queue.repository.ts QUEUE_ORDER_KEY, immutable keys), so a page reads its rows
 * and stops; the visibility columns included, so totals and counts are index-only scans. And the
 * officers' own saved filters.
 */
export class WorkQueue1767000000024 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE INDEX applications_work_queue_idx ON applications (
        (suspended_since IS NOT NULL),
        (CASE WHEN suspended_since IS NULL THEN (received_date + deadline_days + suspended_days) - DATE '2000-01-01'
              ELSE (received_date + deadline_days + suspended_days) - suspended_since END),
        protocol_year, protocol_seq)
        INCLUDE (id, status, measure_id, managing_kind, managing_code, ats_code, ambito_code, sealed, assigned_operator_id,
                 received_date, deadline_days, suspended_days, suspended_since)
        WHERE ${OPEN};
      CREATE INDEX applications_protocol_number_prefix_idx ON applications (protocol_number text_pattern_ops) WHERE status <> 'DRAFT';
      -- An officer's own saved combinations of the queue's filters (codes only, no personal data).
      CREATE TABLE work_queue_saved_filters (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users(id),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 60),
        filters jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (user_id, name)
      );
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      `DROP TABLE work_queue_saved_filters; DROP INDEX applications_protocol_number_prefix_idx; DROP INDEX applications_work_queue_idx;`,
    );
  }
}
