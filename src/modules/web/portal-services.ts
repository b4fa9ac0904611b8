import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DataSource } from 'typeorm';
import { AppConfig } from '../../config/app-config.js';
import { Clock } from '../../common/clock/clock.js';
import { ChecksService } from '../applications/checks/checks.service.js';
import { BulkOperationsService } from '../bulk-operations/bulk-operations.service.js';
import { DocumentsService } from '../applications/documents/documents.service.js';
import { ReviewService } from '../applications/review/review.service.js';
import { ReceiptsService } from '../applications/intake/receipts.service.js';
import { SealedReadsService } from '../applications/sealed-reads.service.js';
import { CaseReadsService } from '../applications/case-reads.service.js';
import { WorkQueueService } from '../applications/queue/work-queue.service.js';
import { CaseFileService } from '../applications/queue/case-file.service.js';
import { ManagedMeasuresService } from '../applications/budget/managed-measures.service.js';
import { WaitingListService } from '../applications/budget/waiting-list.service.js';
import { WorkloadService } from '../applications/workload/workload.service.js';
import { RankingPreviewService } from '../applications/rankings/ranking-preview.service.js';
import { SavedFiltersService } from '../applications/queue/saved-filters.service.js';
import { IntakeService } from '../applications/intake/intake.service.js';
import { AuthService } from '../auth/auth.service.js';
import { DryRunService } from '../measures/dry-run.service.js';
import { MeasuresCatalogService } from '../measures/measures-catalog.service.js';
import { RegistrationService } from '../auth/registration.service.js';
import { UsersService } from '../users/users.service.js';
import { NotificationsService } from '../notifications/notifications.service.js';
import { ProfilePreferencesService } from '../users/profile-preferences.service.js';
import { TerritoryService } from '../territory/territory.service.js';
import { ExperienceRatingService } from './rating/experience-rating.service.js';
import { WebSessionService } from './sessions/web-session.service.js';
import { WebConfig } from './web-config.js';

/** The services the pages call: the API's own, so every check stays where it is. */
export interface PortalServices {
  config: WebConfig;
  sessions: WebSessionService;
  catalog: MeasuresCatalogService;
  dryRuns: DryRunService;
  auth: AuthService;
  users: UsersService;
  registration: RegistrationService;
  intake: IntakeService;
  cases: CaseReadsService;
  documents: DocumentsService;
  sealedReads: SealedReadsService;
  appConfig: AppConfig;
  db: DataSource;
  receipts: ReceiptsService;
  ratings: ExperienceRatingService;
  review: ReviewService;
  notifications: NotificationsService;
  preferences: ProfilePreferencesService;
  territory: TerritoryService;
  queue: WorkQueueService;
  caseFile: CaseFileService;
  clock: Clock;
  checks: ChecksService;
  bulk: BulkOperationsService;
  managedMeasures: ManagedMeasuresService;
  waitingList: WaitingListService;
  workload: WorkloadService;
  rankingPreview: RankingPreviewService;
  savedFilters: SavedFiltersService;
}

export function portalServices(app: NestFastifyApplication): PortalServices {
  const get = <T>(type: abstract new (...args: never[]) => T): T => app.get(type as never, { strict: false }) as T;
  return {
    config: get(WebConfig),
    sessions: get(WebSessionService),
    catalog: get(MeasuresCatalogService),
    dryRuns: get(DryRunService),
    auth: get(AuthService),
    users: get(UsersService),
    registration: get(RegistrationService),
    intake: get(IntakeService),
    cases: get(CaseReadsService),
    documents: get(DocumentsService),
    sealedReads: get(SealedReadsService),
    appConfig: get(AppConfig),
    db: get(DataSource),
    ratings: get(ExperienceRatingService),
    review: get(ReviewService),
    receipts: get(ReceiptsService),
    notifications: get(NotificationsService),
    preferences: get(ProfilePreferencesService),
    territory: get(TerritoryService),
    queue: get(WorkQueueService),
    caseFile: get(CaseFileService),
    clock: get(Clock),
    checks: get(ChecksService),
    bulk: get(BulkOperationsService),
    managedMeasures: get(ManagedMeasuresService),
    waitingList: get(WaitingListService),
    workload: get(WorkloadService),
    rankingPreview: get(RankingPreviewService),
    savedFilters: get(SavedFiltersService),
  };
}
