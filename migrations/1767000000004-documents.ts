import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Documents of an application: metadata and SHA-256 here, the bytes in the document store
 * (DocumentStorage) under storage_key. A row never changes; it is deleted only while the case
 * is a draft (the service enforces it).
 */
export class Documents1767000000004 implements MigrationInterface {
  name = 'Documents1767000000004';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE application_documents (
        id uuid PRIMARY KEY,
        application_id uuid NOT NULL REFERENCES applications(id),
        required_document_id text NOT NULL CHECK (length(required_document_id) BETWEEN 1 AND 100),
        file_name text NOT NULL CHECK (length(file_name) BETWEEN 1 AND 200),
        media_type text NOT NULL CHECK (media_type IN ('application/pdf', 'image/jpeg', 'image/png')),
        size_bytes bigint NOT NULL CHECK (size_bytes > 0),
        sha256 char(64) NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
        storage_key text NOT NULL UNIQUE,
        uploaded_by uuid NOT NULL REFERENCES users(id),
        uploaded_at timestamptz NOT NULL
      );
      CREATE INDEX application_documents_application ON application_documents (application_id, uploaded_at);
      CREATE TRIGGER application_documents_immutable BEFORE UPDATE ON application_documents
        FOR EACH ROW EXECUTE FUNCTION forbid_change();
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE application_documents;`);
  }
}
