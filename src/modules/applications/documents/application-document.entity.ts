import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { DocumentMediaType } from './content-type.js';

/** A document attached to an application: metadata and hash; the bytes are in DocumentStorage. */
@Entity('application_documents')
export class ApplicationDocument {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid') applicationId: string;
  /** The id of one of the measure version's requiredDocuments. */
  @Column('text') requiredDocumentId: string;
  @Column('text') fileName: string;
  /** Detected from the content, never taken from the caller. */
  @Column('text') mediaType: DocumentMediaType;
  @Column('bigint') sizeBytes: string;
  @Column('char') sha256: string;
  @Column('text') storageKey: string;
  @Column('uuid') uploadedBy: string;
  @Column('timestamptz') uploadedAt: Date;
}
