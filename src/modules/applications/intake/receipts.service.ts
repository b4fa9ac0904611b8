import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock } from '../../../common/clock/clock.js';
import type { Principal } from '../../../common/access/principal.js';
import { ApplicationSnapshot } from '../application-records.entity.js';
import type { Application } from '../application.entity.js';
import { findReachable, submittedVersionOf } from '../cases.repository.js';
import { mayView } from '../case-access.js';
import type { DocumentHash } from '../documents/documents.service.js';
import { renderReceiptPdf } from '../documents/receipt-pdf.js';
import type { ReceiptDto } from './intake.dto.js';
import { IntakeService } from './intake.service.js';
import { SealedReadsService } from '../sealed-reads.service.js';

/**
 * The art. 18-bis receipt, as JSON or PDF. One access rule for both: a submitted case the caller
 * may see (its owner, or staff as case-access.ts decides); a sealed case's read is recorded.
 */
@Injectable()
export class ReceiptsService {
  constructor(
    private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly intake: IntakeService,
    private readonly sealedReads: SealedReadsService,
  ) {}

  async receipt(
    actor: Principal,
    id: string,
    action: 'read_receipt' | 'read_receipt_pdf' = 'read_receipt',
  ): Promise<{ app: Application; receipt: ReceiptDto }> {
    const app = await findReachable(this.db.manager, id, (a) => mayView(actor, a) && a.status !== 'DRAFT');
    await this.sealedReads.record(actor, app, action);
    return { app, receipt: await this.intake.receiptOf(this.db.manager, app) };
  }

  async receiptPdf(actor: Principal, id: string): Promise<{ pdf: Buffer; protocolNumber: string }> {
    const { app, receipt } = await this.receipt(actor, id, 'read_receipt_pdf');
    const version = await submittedVersionOf(this.db.manager, app);
    const snapshot = await this.db.getRepository(ApplicationSnapshot).findOneBy({ applicationId: id });
    const pdf = await renderReceiptPdf({
      receipt,
      measureTitle: version.definition.title,
      documents: (snapshot?.documentHashes ?? []) as DocumentHash[],
      generatedAt: this.clock.now(),
    });
    return { pdf, protocolNumber: receipt.protocolNumber };
  }
}
