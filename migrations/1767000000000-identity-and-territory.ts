import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Territory reference data, accounts with roles and territorial scope, refresh tokens. */
export class IdentityAndTerritory1767000000000 implements MigrationInterface {
  name = 'IdentityAndTerritory1767000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE ats (
        code varchar(3) PRIMARY KEY CHECK (code ~ '^[0-9]{3}$'),
        name text NOT NULL
      );
      CREATE TABLE ambiti (
        code varchar(64) PRIMARY KEY CHECK (code ~ '^[A-Z0-9-]{2,64}$'),
        name text NOT NULL,
        ats_code varchar(3) NOT NULL REFERENCES ats(code),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (code, ats_code)
      );
      CREATE TABLE municipalities (
        istat_code char(6) PRIMARY KEY CHECK (istat_code ~ '^[0-9]{6}$'),
        name text NOT NULL,
        province char(2) NOT NULL,
        ats_code varchar(3) NOT NULL REFERENCES ats(code),
        ambito_code varchar(64),
        updated_at timestamptz NOT NULL DEFAULT now(),
        -- an Ambito always lies inside the municipality's ATS
        FOREIGN KEY (ambito_code, ats_code) REFERENCES ambiti(code, ats_code)
      );
      CREATE INDEX municipalities_ats_idx ON municipalities(ats_code);
      CREATE INDEX municipalities_ambito_idx ON municipalities(ambito_code);
      CREATE INDEX municipalities_name_idx ON municipalities(lower(name) text_pattern_ops);

      CREATE TABLE users (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        email text NOT NULL,
        password_hash text NOT NULL,
        roles text[] NOT NULL CHECK (
          cardinality(roles) > 0
          AND roles <@ ARRAY['APPLICANT','OPERATOR','MANAGER','CAV_OPERATOR','ADMIN','AUDITOR']::text[]
        ),
        first_name text NOT NULL,
        last_name text NOT NULL,
        birth_date date,
        fiscal_code varchar(16),
        residence_municipality_code char(6) REFERENCES municipalities(istat_code),
        language varchar(2) NOT NULL DEFAULT 'it' CHECK (language IN ('it', 'en')),
        disabled_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1
      );
      CREATE UNIQUE INDEX users_email_key ON users (lower(email));
      CREATE UNIQUE INDEX users_fiscal_code_key ON users (fiscal_code) WHERE fiscal_code IS NOT NULL;
      CREATE INDEX users_residence_idx ON users (residence_municipality_code);

      CREATE TABLE user_scopes (
        id bigserial PRIMARY KEY,
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        ats_code varchar(3) REFERENCES ats(code),
        ambito_code varchar(64) REFERENCES ambiti(code),
        CHECK (num_nonnulls(ats_code, ambito_code) = 1)
      );
      CREATE UNIQUE INDEX user_scopes_unique ON user_scopes (user_id, coalesce(ats_code, ''), coalesce(ambito_code, ''));

      CREATE TABLE refresh_tokens (
        id uuid PRIMARY KEY,
        family_id uuid NOT NULL,
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        token_hash bytea NOT NULL,
        issued_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL,
        used_at timestamptz,
        revoked_at timestamptz,
        replaced_by uuid
      );
      CREATE INDEX refresh_tokens_family_idx ON refresh_tokens (family_id);
      CREATE INDEX refresh_tokens_user_idx ON refresh_tokens (user_id);
      CREATE INDEX refresh_tokens_expires_idx ON refresh_tokens (expires_at);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE refresh_tokens, user_scopes, users, municipalities, ambiti, ats`);
  }
}
