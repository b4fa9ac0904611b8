import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Principal } from '../../common/access/principal.js';
import { AppError, type Localized } from '../../common/errors/app-error.js';
import { applicationNotFound } from '../applications/cases.errors.js';
import { Application } from '../applications/application.entity.js';
import { mayViewAsStaff } from '../applications/case-access.js';
import { ApplicationStatus as S } from '../applications/domain/application-status.js';
import { ReviewService } from '../applications/review/review.service.js';
import type { BulkParams, BulkResult } from './bulk-operation.kinds.js';
import { bulkErrors } from './bulk-operations.errors.js';

export interface StepOutcome {
  result: BulkResult;
  refusal: { code: string; detail: Localized } | null;
}

const DECIDED: readonly S[] = [S.APPROVED, S.WAITLISTED, S.REJECTED];

/**
 * One case of a bulk operation: re-read, skipped when it is already as the operation would
 * leave it (by the same staff member: a re-run or a job resumed after a crash changes nothing
 * twice), else applied by the very service method of the single-case route, in its own
 * transaction with the version the staff member saw. A refusal of the rules is the case's result.
 */
@Injectable()
export class BulkCaseStep {
  constructor(
    private readonly db: DataSource,
    private readonly review: ReviewService,
  ) {}

  /** `since`: when the operation started (what it did itself is what it finds done). */
  async apply(params: BulkParams, actor: Principal, id: string, version: number, since: Date): Promise<StepOutcome> {
    try {
      const app = await this.db.getRepository(Application).findOneBy({ id });
      // Staff visibility only: an officer who happens to own a case gets no bulk path to it.
      if (!app || !mayViewAsStaff(actor, app)) throw applicationNotFound();
      if (alreadyDone(params, actor, app, since)) return { result: 'already', refusal: null };
      switch (params.kind) {
        case 'assign':
          await this.review.takeInCharge(actor, id, { version, operatorId: params.operatorId });
          break;
        case 'decide':
          if (app.procedureType !== 'a_sportello') throw bulkErrors.notASportello();
          if (app.proposal && app.proposal.outcome !== params.outcome) throw bulkErrors.proposalDiffers();
          await this.review.decide(actor, id, { version, outcome: params.outcome, reasons: params.reasons });
          break;
        case 'request_integration':
          await this.review.requestIntegration(actor, id, { version, message: params.message, days: params.days });
          break;
      }
      return { result: 'done', refusal: null };
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      return { result: 'refused', refusal: { code: error.code, detail: error.detail } };
    }
  }
}

/** The case is already as the operation would leave it, by this staff member's hand. */
function alreadyDone(params: BulkParams, actor: Principal, app: Application, since: Date): boolean {
  switch (params.kind) {
    case 'assign':
      return app.assignedOperatorId === params.operatorId && app.status !== S.SUBMITTED;
    case 'decide':
      return app.decidedBy === actor.id && DECIDED.includes(app.status);
    case 'request_integration': {
      // Only a request still pending and made by this operation (a resumed job); one answered,
      // or an older one, is not this operation's work: the service decides.
      const request = app.integrationRequest as { requestedBy?: string; requestedAt?: string } | null;
      return (
        app.status === S.INTEGRATION_REQUESTED &&
        request?.requestedBy === actor.id &&
        !!request.requestedAt &&
        new Date(request.requestedAt) >= since
      );
    }
  }
}
