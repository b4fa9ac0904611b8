import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Identity hardening: one canonical e-mail computed by the database itself (so every insert,
 * fixtures included, gets it), e-mail verification, temporary passwords, and codici fiscali
 * declared at registration kept "unverified" until a digital identity proves them.
 *
 * The canonical form is NFKC, then ASCII letters lower-cased: both PostgreSQL (normalize,
 * translate: immutable, locale-free) and JavaScript compute exactly this, unlike lower() and
 * toLowerCase(), which disagree on characters such as U+0130.
 */
export class AuthHardening1767000000010 implements MigrationInterface {
  name = 'AuthHardening1767000000010';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP INDEX users_email_key;
      ALTER TABLE users
        ADD COLUMN email_canonical text GENERATED ALWAYS AS
          (translate(normalize(email, NFKC), 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz')) STORED,
        -- Accounts that exist today, and those inserted by staff tools, count as verified;
        -- self-registration inserts NULL explicitly.
        ADD COLUMN email_verified_at timestamptz DEFAULT now(),
        ADD COLUMN password_change_required boolean NOT NULL DEFAULT false,
        ADD COLUMN fiscal_code_verified_at timestamptz,
        ADD COLUMN fiscal_code_source text CHECK (fiscal_code_source IN ('spid', 'cie')),
        ADD CONSTRAINT users_fiscal_code_verified_source CHECK ((fiscal_code_verified_at IS NULL) = (fiscal_code_source IS NULL));
      CREATE UNIQUE INDEX users_email_canonical_key ON users (email_canonical);

      DROP INDEX users_fiscal_code_key;
      CREATE UNIQUE INDEX users_fiscal_code_verified_key ON users (fiscal_code) WHERE fiscal_code_verified_at IS NOT NULL;
      CREATE INDEX users_fiscal_code_idx ON users (fiscal_code) WHERE fiscal_code IS NOT NULL;

      CREATE TABLE email_verifications (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        token_hash bytea NOT NULL UNIQUE,
        -- The registration this link confirms: opening it applies exactly this submission, so a
        -- link someone else triggered for the same address never sets their password.
        password_hash text NOT NULL,
        registration jsonb NOT NULL,
        created_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL
      );
      CREATE INDEX email_verifications_user_idx ON email_verifications (user_id);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE email_verifications;
      DROP INDEX users_fiscal_code_idx;
      DROP INDEX users_fiscal_code_verified_key;
      CREATE UNIQUE INDEX users_fiscal_code_key ON users (fiscal_code) WHERE fiscal_code IS NOT NULL;
      DROP INDEX users_email_canonical_key;
      ALTER TABLE users DROP CONSTRAINT users_fiscal_code_verified_source, DROP COLUMN fiscal_code_source, DROP COLUMN fiscal_code_verified_at,
        DROP COLUMN password_change_required, DROP COLUMN email_verified_at, DROP COLUMN email_canonical;
      CREATE UNIQUE INDEX users_email_key ON users (lower(email));
    `);
  }
}
