import { Module } from '@nestjs/common';
import { NotificationsModule } from '../notifications/notifications.module.js';
import { TerritoryModule } from '../territory/territory.module.js';
import { ApplicationsController } from './intake/intake.controller.js';
import { ChecksController } from './checks/checks.controller.js';
import { FlatsController } from './flats/flats.controller.js';
import { RankingsController } from './rankings/rankings.controller.js';
import { BudgetAdminService } from './budget/budget-admin.service.js';
import { BudgetService } from './budget/budget.service.js';
import { BudgetsController } from './budget/budget.controller.js';
import { CaseTransitionsModule } from './case-transitions.module.js';
import { CaseReadsService } from './case-reads.service.js';
import { CasesController } from './review/review.controller.js';
import { ChecksService } from './checks/checks.service.js';
import { DocumentStorage, LocalDocumentStorage } from './documents/document-storage.js';
import { DocumentsController } from './documents/documents.controller.js';
import { DocumentsService } from './documents/documents.service.js';
import { AppConfig } from '../../config/app-config.js';
import { FlatsService } from './flats/flats.service.js';
import { IntakeService } from './intake/intake.service.js';
import { ProtocolService } from './intake/protocol.service.js';
import { RankingsService } from './rankings/rankings.service.js';
import { ReviewService } from './review/review.service.js';
import { ReceiptsService } from './intake/receipts.service.js';
import { SealedReadsService } from './sealed-reads.service.js';
import { WorkQueueController } from './queue/work-queue.controller.js';
import { WorkQueueService } from './queue/work-queue.service.js';
import { CaseFileService } from './queue/case-file.service.js';
import { ManagedMeasuresService } from './budget/managed-measures.service.js';
import { WaitingListService } from './budget/waiting-list.service.js';
import { WorkloadService } from './workload/workload.service.js';
import { RankingPreviewService } from './rankings/ranking-preview.service.js';
import { SavedFiltersService } from './queue/saved-filters.service.js';

/** Applications: intake, protocol, review workflow, deadlines, budgets, sealed cases. */
@Module({
  imports: [NotificationsModule, TerritoryModule, CaseTransitionsModule],
  controllers: [
    ApplicationsController,
    WorkQueueController,
    CasesController,
    BudgetsController,
    DocumentsController,
    RankingsController,
    FlatsController,
    ChecksController,
  ],
  providers: [
    IntakeService,
    ReceiptsService,
    ReviewService,
    CaseReadsService,
    WorkQueueService,
    CaseFileService,
    SavedFiltersService,
    SealedReadsService,
    ProtocolService,
    BudgetService,
    BudgetAdminService,
    RankingsService,
    FlatsService,
    ChecksService,
    DocumentsService,
    ManagedMeasuresService,
    WaitingListService,
    WorkloadService,
    RankingPreviewService,
    {
      provide: DocumentStorage,
      useFactory: (config: AppConfig) => new LocalDocumentStorage(config.DOCUMENTS_DIR),
      inject: [AppConfig],
    },
  ],
  exports: [CaseTransitionsModule, ReviewService],
})
export class ApplicationsModule {}
