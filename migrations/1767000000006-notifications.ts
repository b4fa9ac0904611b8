import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Notifications: the transactional outbox (written in the same transaction as the state change
 * it announces), one idempotency record per (notification, channel) actually delivered, and the
 * in-app inbox.
 */
export class Notifications1767000000006 implements MigrationInterface {
  name = 'Notifications1767000000006';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE notification_outbox (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        event text NOT NULL,
        application_id uuid REFERENCES applications(id),
        recipient_id uuid NOT NULL REFERENCES users(id),
        channels text[] NOT NULL,
        template text NOT NULL,
        language varchar(2) NOT NULL CHECK (language IN ('it', 'en')),
        sealed boolean NOT NULL DEFAULT false,
        params jsonb NOT NULL DEFAULT '{}'::jsonb,
        state text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'queued', 'sent', 'skipped', 'dead')),
        generation integer NOT NULL DEFAULT 0,
        channel_index integer NOT NULL DEFAULT 0,
        attempts integer NOT NULL DEFAULT 0,
        last_error text,
        created_at timestamptz NOT NULL DEFAULT now(),
        queued_at timestamptz,
        sent_at timestamptz,
        sent_channel text,
        dead_at timestamptz
      );
      CREATE INDEX notification_outbox_pending ON notification_outbox (created_at) WHERE state = 'pending';
      CREATE INDEX notification_outbox_queued ON notification_outbox (queued_at) WHERE state = 'queued';
      CREATE INDEX notification_outbox_dead ON notification_outbox (dead_at) WHERE state = 'dead';
      CREATE INDEX notification_outbox_application ON notification_outbox (application_id);

      CREATE TABLE notification_deliveries (
        notification_id uuid NOT NULL REFERENCES notification_outbox(id),
        channel text NOT NULL CHECK (channel IN ('email', 'app_io')),
        external_id text NOT NULL,
        delivered_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (notification_id, channel)
      );

      CREATE TABLE inbox_messages (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users(id),
        notification_id uuid UNIQUE REFERENCES notification_outbox(id),
        application_id uuid REFERENCES applications(id),
        event text NOT NULL,
        subject text NOT NULL,
        body text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        read_at timestamptz
      );
      CREATE INDEX inbox_messages_user ON inbox_messages (user_id, created_at DESC);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE inbox_messages; DROP TABLE notification_deliveries; DROP TABLE notification_outbox;`);
  }
}
