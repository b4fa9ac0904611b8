import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DataSource } from 'typeorm';
import { AppConfig } from '../../config/app-config.js';
import { applicationNotFound } from '../applications/application-errors.js';
import { ApplicationSnapshot } from '../applications/application-records.entity.js';
import { Application } from '../applications/application.entity.js';
import { mayView } from '../applications/case-access.js';
import type { DocumentHash } from '../applications/documents/documents.service.js';
import { DocumentsService } from '../applications/documents/documents.service.js';
import { renderReceiptPdf } from '../applications/documents/receipt-pdf.js';
import type { ReceiptDto } from '../applications/dto/application.dto.js';
import type { Principal } from '../auth/principal.js';
import { Clock } from '../../common/clock/clock.js';
import { MeasureVersion } from '../measures/measure-version.entity.js';
import { ReviewService } from '../applications/review.service.js';
import { SealedReadsService } from '../applications/sealed-reads.service.js';
import { CaseReadsService } from '../applications/case-reads.service.js';
import { IntakeService } from '../applications/intake.service.js';
import { AuthService } from '../auth/auth.service.js';
import { DryRunService } from '../measures/dry-run.service.js';
import { MeasuresCatalogService } from '../measures/measures-catalog.service.js';
import { RegistrationService } from '../users/registration.service.js';
import { UsersService } from '../users/users.service.js';
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
  receipts: PortalReceipts;
  ratings: ExperienceRatingService;
  review: ReviewService;
}

/** The receipt of a registered application, as GET /applications/:id/receipt(.pdf) gives it. */
export interface PortalReceipts {
  receipt(actor: Principal, id: string): Promise<ReceiptDto>;
  pdf(actor: Principal, id: string): Promise<{ receipt: ReceiptDto; pdf: Buffer }>;
}

/** The receipt read as the API's documents controller reads it: owner or staff who may see it; sealed reads recorded. */
function receiptsOf(db: DataSource, intake: IntakeService, sealedReads: SealedReadsService, clock: Clock): PortalReceipts {
  const load = async (actor: Principal, id: string, action: string) => {
    const app = await db.getRepository(Application).findOneBy({ id });
    if (!app || !mayView(actor, app) || app.status === 'DRAFT') throw applicationNotFound();
    await sealedReads.record(actor, app, action);
    return { app, receipt: await intake.receiptOf(db.manager, app) };
  };
  return {
    receipt: async (actor, id) => (await load(actor, id, 'read_receipt')).receipt,
    async pdf(actor, id) {
      const { app, receipt } = await load(actor, id, 'read_receipt_pdf');
      const version = await db.getRepository(MeasureVersion).findOneByOrFail({ id: app.measureVersionId! });
      const snapshot = await db.getRepository(ApplicationSnapshot).findOneBy({ applicationId: id });
      const pdf = await renderReceiptPdf({ receipt, measureTitle: version.definition.title, documents: (snapshot?.documentHashes ?? []) as DocumentHash[], generatedAt: clock.now() });
      return { receipt, pdf };
    },
  };
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
    receipts: receiptsOf(get(DataSource), get(IntakeService), get(SealedReadsService), get(Clock)),
  };
}
