import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Scheduled work (docs/notifications.md): one row per deadline reminder sent (unique per case,
 * deadline kind and threshold, so a job run twice reminds once), the flag a lapsed art. 10-bis
 * notice raises for the manager, and one row per daily protocol-register export.
 */
export class Schedules1767000000008 implements MigrationInterface {
  name = 'Schedules1767000000008';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE deadline_reminders (
        application_id uuid NOT NULL REFERENCES applications(id),
        kind text NOT NULL CHECK (kind IN ('integration', 'pre_rejection')),
        days_before integer NOT NULL CHECK (days_before > 0),
        due_date date NOT NULL,
        notification_id uuid NOT NULL REFERENCES notification_outbox(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (application_id, kind, days_before)
      );

      ALTER TABLE applications ADD COLUMN notice_lapsed_at timestamptz;

      CREATE TABLE register_exports (
        day date PRIMARY KEY,
        registrations integer NOT NULL,
        sha256 char(64) NOT NULL,
        path text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      );
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      `DROP TABLE register_exports; ALTER TABLE applications DROP COLUMN notice_lapsed_at; DROP TABLE deadline_reminders;`,
    );
  }
}
