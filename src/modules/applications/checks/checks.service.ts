import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock } from '../../../common/clock/clock.js';
import { TransactionService } from '../../../common/database/transaction.service.js';
import { uniqueViolation } from '../../../common/database/pg-errors.js';
import { hasRole, type Principal } from '../../../common/access/principal.js';
import { inForceOrNotFound } from '../../measures/measure-versions.repository.js';
import { Role } from '../../../common/access/role.js';
import { CaseTransitions, lockCase } from '../case-transitions.js';
import { mayView } from '../case-access.js';
import { drawSample, populationHash, sampleSize } from '../domain/check-sampling.js';
import { ApplicationStatus as S } from '../domain/application-status.js';
import { notSampled, outcomeRecorded, sampleSizeRequired } from './checks.errors.js';
import type { CheckOutcomeDto, CheckSampleDto, DrawSampleDto } from './checks.dto.js';
import { assertManagerOf } from '../measure-staff.js';
import { ReviewService } from '../review/review.service.js';

interface SampleRow {
  id: string;
  seed: string;
  requested: Record<string, unknown>;
  size: number;
  population: number;
  population_hash: string;
  application_ids: string[];
  drawn_by: string;
  drawn_at: Date;
}

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
      const population = (
        (await em.query(
          `SELECT id FROM applications WHERE measure_id = $1 AND status = 'APPROVED' ORDER BY protocol_year, protocol_seq`,
          [measure.id],
        )) as { id: string }[]
      ).map((r) => r.id);
      const size = sampleSize(population.length, dto);
      const drawn = drawSample(population, size, dto.seed);
      const requested = dto.size !== undefined ? { size: dto.size } : { percentage: dto.percentage };
      const [row] = (await em.query(
        `INSERT INTO check_samples (measure_id, seed, requested, size, population, population_hash, application_ids, drawn_by, drawn_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING *`,
        [
          measure.id,
          dto.seed,
          JSON.stringify(requested),
          size,
          population.length,
          populationHash(population),
          drawn,
          actor.id,
          this.clock.now(),
        ],
      )) as SampleRow[];
      return this.view(code, row);
    });
  }

  async list(actor: Principal, code: string) {
    const { measure, version } = await inForceOrNotFound(this.db.manager, code, this.clock.now());
    if (!hasRole(actor, Role.AUDITOR)) assertManagerOf(actor, version.managingBody);
    const rows = (await this.db.query(`SELECT * FROM check_samples WHERE measure_id = $1 ORDER BY drawn_at, id`, [
      measure.id,
    ])) as SampleRow[];
    return rows.map((r) => this.view(code, r));
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
      const [sample] = (await em.query(
        `SELECT s.id FROM check_samples s
          WHERE $1 = ANY(s.application_ids) AND NOT EXISTS (SELECT 1 FROM check_outcomes o WHERE o.sample_id = s.id AND o.application_id = $1)
          ORDER BY s.drawn_at DESC, s.id LIMIT 1`,
        [app.id],
      )) as { id: string }[];
      if (!sample || app.status !== S.APPROVED) {
        throw notSampled();
      }
      const recovery = dto.outcome === 'failed' ? (dto.recoveryAmountCents ?? Number(app.amountCents ?? 0)) : null;
      const now = this.clock.now();
      try {
        await em.query(
          `INSERT INTO check_outcomes (sample_id, application_id, outcome, notes, recovery_amount_cents, recorded_by, recorded_at) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
          [sample.id, app.id, dto.outcome, dto.notes, recovery, actor.id, now],
        );
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
        details: { sampleId: sample.id },
      });
      return app;
    });
  }

  private view(code: string, r: SampleRow): CheckSampleDto {
    return {
      id: r.id,
      measureCode: code,
      seed: r.seed,
      requested: r.requested,
      size: r.size,
      population: r.population,
      populationHash: r.population_hash,
      applicationIds: r.application_ids,
      drawnBy: r.drawn_by,
      drawnAt: r.drawn_at,
    };
  }
}
