import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Browser sessions of the citizens' portal (docs/portal.md): the cookie carries a random
 * secret, the row keeps only its SHA-256. A signed-in session is bound to the refresh-token
 * family its login opened, so logout, a password change or disabling the account (which revoke
 * the family or the account) end it on the very next request. The CSRF synchronizer token
 * lives here too; anonymous rows exist only to protect the login and registration forms.
 */
export class WebSessions1767000000016 implements MigrationInterface {
  name = 'WebSessions1767000000016';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE web_sessions (
        id uuid PRIMARY KEY,
        secret_hash bytea NOT NULL,
        user_id uuid REFERENCES users(id) ON DELETE CASCADE,
        token_family_id uuid,
        csrf_token text NOT NULL,
        created_at timestamptz NOT NULL,
        last_seen_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL,
        CHECK ((user_id IS NULL) = (token_family_id IS NULL))
      );
      CREATE INDEX web_sessions_user_idx ON web_sessions (user_id) WHERE user_id IS NOT NULL;
      CREATE INDEX web_sessions_expires_idx ON web_sessions (expires_at);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE web_sessions;`);
  }
}
