import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock } from '../../../common/clock/clock.js';
import { TransactionService } from '../../../common/database/transaction.service.js';
import { uniqueViolation } from '../../../common/database/pg-errors.js';
import { hasRole, type Principal } from '../../../common/access/principal.js';
import { inForceOrNotFound } from '../../measures/measure-versions.repository.js';
import { Role } from '../../../common/access/role.js';
import { CaseTransitions } from '../case-transitions.js';
import { lockCase } from '../cases.repository.js';
import { mayView } from '../case-access.js';
import { drawSample, populationHash, sampleSize } from '../domain/check-sampling.js';
import { ApplicationStatus as S } from '../domain/application-status.js';
import { notSampled, outcomeRecorded, sampleSizeRequired } from './checks.errors.js';
import {
  approvedCaseIds,
  insertOutcome,
  insertSample,
  sampleAwaitingOutcome,
  samplesOfMeasure,
  type SampleRow,
} from './checks.repository.js';
import type { CheckOutcomeDto, CheckSampleDto, DrawSampleDto } from './checks.dto.js';
import { assertManagerOf } from '../measure-staff.js';
import { ReviewService } from '../review/review.service.js';
import { visibleProtocolNumbers } from '../cases.repository.js';

/**
 * Art. 71 DPR 445/2000: checks of self-declarations on a random sample of the approved cases.
 * The draw is reproducible: the population is the measure's APPROVED cases in protocol order,
 * the generator is seeded (domain/check-sampling.ts); seed, request, size, population count and
 * hash and the drawn ids are stored, insert-only. A failed check revokes the benefit through
 * the review workflow's revocation (funds released, amount to recover recorded).
 */
@Injectable()
export class ChecksService {
  constructor(
    private readonly db: DataSource,
    private readonly tx: TransactionService,
    private readonly clock: Clock,
    private readonly review: ReviewService,
    private readonly transitions: CaseTransitions,
  ) {}

  draw(actor: Principal, code: string, dto: DrawSampleDto) {
    if ((dto.size === undefined) === (dto.percentage === undefined)) {
      throw sampleSizeRequired();
    }
    return this.tx.run(async (em) => {
      const { measure, version } = await inForceOrNotFound(em, code, this.clock.now());
      assertManagerOf(actor, version.managingBody);
      const population = await approvedCaseIds(em, measure.id);
      const size = sampleSize(population.length, dto);
      const drawn = drawSample(population, size, dto.seed);
      const requested = dto.size !== undefined ? { size: dto.size } : { percentage: dto.percentage };
      const sample = await insertSample(em, {
        measureId: measure.id,
        seed: dto.seed,
        requested,
        size,
        population: population.length,
        populationHash: populationHash(population),
        applicationIds: drawn,
        drawnBy: actor.id,
        drawnAt: this.clock.now(),
      });
      return sampleView(code, sample);
    });
  }

  async list(actor: Principal, code: string) {
    const { measure, version } = await inForceOrNotFound(this.db.manager, code, this.clock.now());
    if (!hasRole(actor, Role.AUDITOR)) assertManagerOf(actor, version.managingBody);
    return (await samplesOfMeasure(this.db.manager, measure.id)).map((r) => sampleView(code, r));
  }

  /** The protocol numbers of a sample's cases that the reader may see (the workbench's list). */
  async protocolNumbers(actor: Principal, ids: readonly string[]): Promise<Map<string, string | null>> {
    const visible = await visibleProtocolNumbers(this.db.manager, actor, ids);
    return new Map(visible.map((c) => [c.id, c.protocolNumber]));
  }

  /** The outcome of the check of a sampled case; a failed check revokes the benefit. */
  record(actor: Principal, applicationId: string, dto: CheckOutcomeDto) {
    return this.tx.run(async (em) => {
      const app = await lockCase(
        em,
        applicationId,
        (a) => mayView(actor, a) && hasRole(actor, Role.MANAGER),
        dto.version,
      );
      const sampleId = await sampleAwaitingOutcome(em, app.id);
      if (!sampleId || app.status !== S.APPROVED) {
        throw notSampled();
      }
      const recovery = dto.outcome === 'failed' ? (dto.recoveryAmountCents ?? Number(app.amountCents ?? 0)) : null;
      const now = this.clock.now();
      try {
        await insertOutcome(em, {
          sampleId,
          applicationId: app.id,
          outcome: dto.outcome,
          notes: dto.notes,
          recoveryAmountCents: recovery,
          recordedBy: actor.id,
          at: now,
        });
      } catch (error) {
        if (uniqueViolation(error) !== null) throw outcomeRecorded();
        throw error;
      }
      if (dto.outcome === 'failed') {
        return this.review.revokeWithin(em, actor, app.id, {
          version: dto.version,
          reason: `Controllo art. 71 DPR 445/2000 con esito negativo / failed art. 71 check: ${dto.notes}`,
          recoveryAmountCents: recovery!,
        });
      }
      await this.transitions.move(em, actor, app, 'check_passed', {
        reason: `Controllo art. 71 DPR 445/2000 superato / art. 71 check passed: ${dto.notes}`,
        details: { sampleId },
      });
      return app;
    });
  }
}

const sampleView = (measureCode: string, { id, ...r }: SampleRow): CheckSampleDto => ({ id, measureCode, ...r });
