import { Module } from '@nestjs/common';
import { NotificationsModule } from '../notifications/notifications.module.js';
import { TerritoryModule } from '../territory/territory.module.js';
import { ApplicationsController } from './applications.controller.js';
import { ChecksController, FlatsController, RankingsController } from './allocations.controller.js';
import { BudgetAdminService } from './budget-admin.service.js';
import { BudgetService } from './budget.service.js';
import { BudgetsController } from './budgets.controller.js';
import { CaseTransitionsModule } from './case-transitions.module.js';
import { CaseReadsService } from './case-reads.service.js';
import { CasesController } from './cases.controller.js';
import { ChecksService } from './checks.service.js';
import { DocumentStorage, LocalDocumentStorage } from './documents/document-storage.js';
import { DocumentsController } from './documents/documents.controller.js';
import { DocumentsService } from './documents/documents.service.js';
import { AppConfig } from '../../config/app-config.js';
import { FlatsService } from './flats.service.js';
import { IntakeService } from './intake.service.js';
import { ProtocolService } from './protocol.service.js';
import { RankingsService } from './rankings.service.js';
import { ReviewService } from './review.service.js';
import { ReceiptsService } from './receipts.service.js';
import { SealedReadsService } from './sealed-reads.service.js';

/** Applications: intake, protocol, review workflow, deadlines, budgets, sealed cases. */
@Module({
  imports: [NotificationsModule, TerritoryModule, CaseTransitionsModule],
  controllers: [ApplicationsController, CasesController, BudgetsController, DocumentsController, RankingsController, FlatsController, ChecksController],
  providers: [IntakeService, ReceiptsService, ReviewService, CaseReadsService, SealedReadsService, ProtocolService, BudgetService, BudgetAdminService,
    RankingsService, FlatsService, ChecksService,
    DocumentsService, { provide: DocumentStorage, useFactory: (config: AppConfig) => new LocalDocumentStorage(config.DOCUMENTS_DIR), inject: [AppConfig] }],
  exports: [CaseTransitionsModule],
})
export class ApplicationsModule {}
