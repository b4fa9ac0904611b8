import { createHash, randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { Clock } from '../../../common/clock/clock.js';
import { insertRow } from '../../../common/database/insert-row.js';
import { TransactionService } from '../../../common/database/transaction.service.js';
import { AppError, fieldError } from '../../../common/errors/app-error.js';
import type { Principal } from '../../../common/access/principal.js';
import type { RequiredDocument } from '../../measures/domain/measure-definition.js';
import { illegalTransition } from '../cases.errors.js';
import type { Application } from '../application.entity.js';
import { findReachable, lockCase, versionFor } from '../cases.repository.js';
import { mayView } from '../case-access.js';
import { ApplicationStatus } from '../domain/application-status.js';
import { SealedReadsService } from '../sealed-reads.service.js';
import { ApplicationDocument } from './application-document.entity.js';
import { sanitizeFileName, sniffMediaType } from './content-type.js';
import { DocumentStorage } from './document-storage.js';

export interface DocumentView {
  id: string;
  requiredDocumentId: string;
  fileName: string;
  mediaType: string;
  size: number;
  sha256: string;
  uploadedBy: string;
  uploadedAt: string;
}

/** What the submission snapshot records of each document. */
export interface DocumentHash {
  id: string;
  requiredDocumentId: string;
  sha256: string;
  size: number;
  mediaType: string;
}

const UPLOAD_STATES: readonly ApplicationStatus[] = [ApplicationStatus.DRAFT, ApplicationStatus.INTEGRATION_REQUESTED];

export const unsupportedDocument = () =>
  fieldError('UNSUPPORTED_MEDIA_TYPE', 'file', {
    it: 'Formato del documento non ammesso: sono accettati PDF, JPEG e PNG (riconosciuti dal contenuto, non dal nome).',
    en: 'Document type not accepted: PDF, JPEG and PNG only (recognised from the content, not the name).',
  });

/** The documents of a case: uploaded by its owner, read by whoever may see the case. */
@Injectable()
export class DocumentsService {
  private readonly logger = new Logger('DocumentsService');

  constructor(
    private readonly db: DataSource,
    private readonly tx: TransactionService,
    private readonly clock: Clock,
    private readonly storage: DocumentStorage,
    private readonly sealedReads: SealedReadsService,
  ) {}

  /**
   * Bytes to the store first, then the row in one transaction (the case locked, its state and
   * the required document re-checked); if the transaction fails the bytes are deleted.
   */
  async upload(
    actor: Principal,
    id: string,
    requiredDocumentId: string | undefined,
    fileName: string | undefined,
    bytes: Buffer,
  ): Promise<DocumentView> {
    const peek = await this.assertMayUpload(actor, id);
    const required = await this.assertRequiredDocument(this.db.manager, peek, requiredDocumentId);
    const mediaType = sniffMediaType(bytes);
    if (!mediaType || !required.mediaTypes.includes(mediaType)) throw unsupportedDocument();

    const documentId = randomUUID();
    const storageKey = `applications/${id}/${documentId}`;
    const row: ApplicationDocument = {
      id: documentId,
      applicationId: id,
      requiredDocumentId: requiredDocumentId!,
      fileName: sanitizeFileName(fileName, mediaType),
      mediaType,
      sizeBytes: String(bytes.length),
      sha256: createHash('sha256').update(bytes).digest('hex'),
      storageKey,
      uploadedBy: actor.id,
      uploadedAt: this.clock.now(),
    };
    await this.storage.put(storageKey, bytes);
    try {
      await this.tx.run(async (em) => {
        const app = await lockCase(em, id, (a) => a.ownerId === actor.id);
        if (!UPLOAD_STATES.includes(app.status)) throw illegalTransition(app.status, 'upload document');
        await this.assertRequiredDocument(em, app, requiredDocumentId);
        await insertRow(em, ApplicationDocument, row);
      });
    } catch (error) {
      await this.storage
        .delete(storageKey)
        .catch((e: unknown) => this.logger.error(`orphan document bytes ${storageKey}: ${String(e)}`));
      throw error;
    }
    return view(row);
  }

  /** Checked before the body is read (a stranger's upload is refused unread), and again inside. */
  async assertMayUpload(actor: Principal, id: string): Promise<Application> {
    const app = await findReachable(this.db.manager, id, (a) => a.ownerId === actor.id);
    if (!UPLOAD_STATES.includes(app.status)) throw illegalTransition(app.status, 'upload document');
    return app;
  }

  async list(actor: Principal, id: string): Promise<DocumentView[]> {
    const app = await this.visible(actor, id);
    await this.sealedReads.record(actor, app, 'list_documents');
    const rows = await this.db
      .getRepository(ApplicationDocument)
      .find({ where: { applicationId: id }, order: { uploadedAt: 'ASC', id: 'ASC' } });
    return rows.map(view);
  }

  async download(actor: Principal, id: string, documentId: string): Promise<{ document: DocumentView; bytes: Buffer }> {
    const app = await this.visible(actor, id);
    const row = await this.db.getRepository(ApplicationDocument).findOneBy({ id: documentId, applicationId: id });
    if (!row) throw documentNotFound();
    await this.sealedReads.record(actor, app, 'read_document');
    const bytes = await this.storage.get(row.storageKey);
    if (!bytes) throw new Error(`document bytes missing for ${row.storageKey}`);
    return { document: view(row), bytes };
  }

  /** While the case is a draft its owner may remove a document; the bytes go after the commit. */
  async remove(actor: Principal, id: string, documentId: string): Promise<void> {
    const row = await this.tx.run(async (em) => {
      const app = await lockCase(em, id, (a) => a.ownerId === actor.id);
      if (app.status !== ApplicationStatus.DRAFT) throw illegalTransition(app.status, 'delete document');
      const found = await em.findOneBy(ApplicationDocument, { id: documentId, applicationId: id });
      if (!found) throw documentNotFound();
      await em.delete(ApplicationDocument, { id: documentId });
      return found;
    });
    await this.storage
      .delete(row.storageKey)
      .catch((e: unknown) => this.logger.error(`orphan document bytes ${row.storageKey}: ${String(e)}`));
  }

  private async visible(actor: Principal, id: string): Promise<Application> {
    return findReachable(this.db.manager, id, (a) => mayView(actor, a));
  }

  /** The id must name one of the required documents of the version (in force, for a draft). */
  private async assertRequiredDocument(
    em: EntityManager,
    app: Application,
    requiredDocumentId: string | undefined,
  ): Promise<RequiredDocument> {
    const version = await versionFor(em, app, this.clock.now());
    const known = version?.definition.requiredDocuments.find((d) => d.id === requiredDocumentId);
    if (!requiredDocumentId || !known) {
      throw fieldError('VALIDATION_FAILED', 'requiredDocumentId', {
        it: 'requiredDocumentId non corrisponde a nessun documento richiesto dalla misura.',
        en: 'requiredDocumentId does not name a document the measure requires.',
      });
    }
    return known;
  }
}

/** The documents as the submission snapshot records them (same transaction as the submit). */
export async function documentHashes(em: EntityManager, applicationId: string): Promise<DocumentHash[]> {
  const rows = await em.find(ApplicationDocument, {
    where: { applicationId },
    order: { uploadedAt: 'ASC', id: 'ASC' },
  });
  return rows.map((d) => ({
    id: d.id,
    requiredDocumentId: d.requiredDocumentId,
    sha256: d.sha256,
    size: Number(d.sizeBytes),
    mediaType: d.mediaType,
  }));
}

const documentNotFound = () => new AppError('NOT_FOUND', { it: 'Documento non trovato.', en: 'Document not found.' });

/** The name always shown with the detected type's extension, rows stored before included. */
const view = (d: ApplicationDocument): DocumentView => ({
  id: d.id,
  requiredDocumentId: d.requiredDocumentId,
  fileName: sanitizeFileName(d.fileName, d.mediaType),
  mediaType: d.mediaType,
  size: Number(d.sizeBytes),
  sha256: d.sha256,
  uploadedBy: d.uploadedBy,
  uploadedAt: d.uploadedAt.toISOString(),
});
