import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Discarding drafts: an applicant may delete a draft (never a registered case). The reads of a
 * sealed draft stay in application_access_log after the draft is gone (who read it remains
 * known), so that insert-only log no longer references applications by foreign key; its rows
 * of registered cases are unaffected, since a registered case is never deleted.
 */
export class DiscardDrafts1767000000020 implements MigrationInterface {
  name = 'DiscardDrafts1767000000020';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE application_access_log DROP CONSTRAINT application_access_log_application_id_fkey`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE application_access_log ADD CONSTRAINT application_access_log_application_id_fkey FOREIGN KEY (application_id) REFERENCES applications(id)`,
    );
  }
}
