import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Which external channels a person accepts for the messages the law does not require (a copy of
 * the receipt, reminders, a lapsed term). No row means both channels on, as before this table.
 * The in-app inbox is not a preference: it always keeps every message. Legally required
 * communications ignore these flags (see docs/notifications.md, "Preferences").
 */
export class NotificationPreferences1767000000022 implements MigrationInterface {
  name = 'NotificationPreferences1767000000022';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE notification_preferences (
        user_id uuid PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
        email boolean NOT NULL DEFAULT true,
        app_io boolean NOT NULL DEFAULT true,
        updated_at timestamptz NOT NULL
      );
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE notification_preferences;`);
  }
}
