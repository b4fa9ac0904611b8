import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Measures catalog: a measure and its versions. A draft is editable; a published or retired
 * version is frozen by a trigger (content columns never change, rows are never deleted), so
 * every decision can cite a version whose content still is what it was.
 */
export class Measures1767000000001 implements MigrationInterface {
  name = 'Measures1767000000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE measures (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        code varchar(64) NOT NULL UNIQUE CHECK (code ~ '^[A-Z0-9]+(-[A-Z0-9]+)*$'),
        created_at timestamptz NOT NULL DEFAULT now()
      );

      CREATE TABLE measure_versions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        measure_id uuid NOT NULL REFERENCES measures(id),
        version integer NOT NULL CHECK (version >= 1),
        status text NOT NULL CHECK (status IN ('draft', 'published', 'retired')),
        definition jsonb NOT NULL,
        -- application window: instants; administrators write them with the Europe/Rome offset
        window_opens_at timestamptz NOT NULL,
        window_closes_at timestamptz NOT NULL,
        managing_body jsonb NOT NULL,
        territorial_scope jsonb NOT NULL,
        quotas jsonb NOT NULL DEFAULT '[]',
        valid_from timestamptz,
        valid_to timestamptz,
        content_hash text CHECK (content_hash ~ '^[0-9a-f]{64}$'),
        created_by uuid REFERENCES users(id),
        published_by uuid REFERENCES users(id),
        published_at timestamptz,
        retired_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        lock_version integer NOT NULL DEFAULT 1,
        UNIQUE (measure_id, version),
        CHECK (window_opens_at < window_closes_at),
        CHECK (valid_to IS NULL OR valid_from IS NULL OR valid_from <= valid_to),
        CHECK (status = 'draft' OR (content_hash IS NOT NULL AND valid_from IS NOT NULL)),
        CHECK (status <> 'retired' OR retired_at IS NOT NULL)
      );
      CREATE UNIQUE INDEX measure_versions_one_draft ON measure_versions (measure_id) WHERE status = 'draft';
      CREATE INDEX measure_versions_in_force_idx ON measure_versions (measure_id, valid_from) WHERE status = 'published';

      CREATE FUNCTION measure_versions_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'DELETE' THEN
          IF OLD.status <> 'draft' THEN
            RAISE EXCEPTION 'measure version % is %, it cannot be deleted', OLD.id, OLD.status USING ERRCODE = 'integrity_constraint_violation';
          END IF;
          RETURN OLD;
        END IF;
        IF NOT (OLD.status = NEW.status
                OR (OLD.status = 'draft' AND NEW.status = 'published')
                OR (OLD.status = 'published' AND NEW.status = 'retired')) THEN
          RAISE EXCEPTION 'measure version % cannot move from % to %', OLD.id, OLD.status, NEW.status USING ERRCODE = 'integrity_constraint_violation';
        END IF;
        IF OLD.status <> 'draft' AND (
             NEW.measure_id IS DISTINCT FROM OLD.measure_id
          OR NEW.version IS DISTINCT FROM OLD.version
          OR NEW.definition IS DISTINCT FROM OLD.definition
          OR NEW.window_opens_at IS DISTINCT FROM OLD.window_opens_at
          OR NEW.window_closes_at IS DISTINCT FROM OLD.window_closes_at
          OR NEW.managing_body IS DISTINCT FROM OLD.managing_body
          OR NEW.territorial_scope IS DISTINCT FROM OLD.territorial_scope
          OR NEW.quotas IS DISTINCT FROM OLD.quotas
          OR NEW.content_hash IS DISTINCT FROM OLD.content_hash
          OR NEW.valid_from IS DISTINCT FROM OLD.valid_from
          OR NEW.created_by IS DISTINCT FROM OLD.created_by
          OR NEW.published_by IS DISTINCT FROM OLD.published_by
          OR NEW.published_at IS DISTINCT FROM OLD.published_at
          OR NEW.created_at IS DISTINCT FROM OLD.created_at
          OR (OLD.valid_to IS NOT NULL AND NEW.valid_to IS DISTINCT FROM OLD.valid_to)
          OR (OLD.retired_at IS NOT NULL AND NEW.retired_at IS DISTINCT FROM OLD.retired_at)
        ) THEN
          RAISE EXCEPTION 'measure version % is %: its content is immutable', OLD.id, OLD.status USING ERRCODE = 'integrity_constraint_violation';
        END IF;
        RETURN NEW;
      END;
      $$;
      CREATE TRIGGER measure_versions_frozen BEFORE UPDATE OR DELETE ON measure_versions
        FOR EACH ROW EXECUTE FUNCTION measure_versions_frozen();
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE measure_versions;
      DROP FUNCTION measure_versions_frozen();
      DROP TABLE measures;
    `);
  }
}
