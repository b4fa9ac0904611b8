import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Sourced territorial reference data (docs/territory.md): the documents territorial facts come
 * from, the source and period of each ATS and Ambito, and the dated history of each
 * municipality's Ambito (reference data and every ADMIN change; one open row per municipality).
 */
export class TerritorySources1767000000015 implements MigrationInterface {
  name = 'TerritorySources1767000000015';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE territory_sources (
        id text PRIMARY KEY CHECK (id ~ '^[a-z0-9-]{2,80}$'),
        title text NOT NULL,
        url text,
        as_of date,
        period text
      );

      ALTER TABLE ats
        ADD COLUMN ministry_code char(6) CHECK (ministry_code ~ '^030[0-9]{3}$'),
        ADD COLUMN source_ids text[] NOT NULL DEFAULT '{}';
      ALTER TABLE ambiti
        ADD COLUMN period text,
        ADD COLUMN source_ids text[] NOT NULL DEFAULT '{}',
        ADD COLUMN members_complete boolean NOT NULL DEFAULT false;

      CREATE TABLE municipality_ambito_history (
        id bigserial PRIMARY KEY,
        istat_code char(6) NOT NULL REFERENCES municipalities(istat_code),
        ambito_code varchar(64) REFERENCES ambiti(code),
        -- [valid_from, valid_to); null valid_from: since before an undated source
        valid_from date,
        valid_to date,
        change_kind text NOT NULL CHECK (change_kind IN ('reference', 'baseline', 'admin', 'admin_csv')),
        source_ids text[] NOT NULL DEFAULT '{}',
        changed_by uuid REFERENCES users(id),
        recorded_at timestamptz NOT NULL DEFAULT now(),
        CHECK (valid_to IS NULL OR valid_from IS NULL OR valid_to >= valid_from)
      );
      CREATE UNIQUE INDEX municipality_ambito_history_open ON municipality_ambito_history (istat_code) WHERE valid_to IS NULL;
      CREATE INDEX municipality_ambito_history_istat ON municipality_ambito_history (istat_code, valid_from);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE municipality_ambito_history;
      ALTER TABLE ambiti DROP COLUMN members_complete, DROP COLUMN source_ids, DROP COLUMN period;
      ALTER TABLE ats DROP COLUMN source_ids, DROP COLUMN ministry_code;
      DROP TABLE territory_sources;
    `);
  }
}
