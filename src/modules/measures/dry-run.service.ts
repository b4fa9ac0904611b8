import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock } from '../../common/clock/clock.js';
import { hasRole, type Principal } from '../../common/access/principal.js';
import { TerritoryService } from '../territory/territory.service.js';
import { Role } from '../../common/access/role.js';
import { applicationDateInRome, assess, type EvaluationContext, type MunicipalityInfo } from './domain/index.js';
import type { DryRunDto, DryRunResultDto } from './dto/dry-run.dto.js';
import { formDataErrors } from './form-data-validation.js';
import { factsOffForm, measureNotFound } from './measures.errors.js';
import { findVersion } from './measure-versions.repository.js';

/**
 * The facts must be data the form could carry, as a submission's are (unknown fields, wrong
 * types and formats, impossible dates are a 400 naming `facts.<field>`); fields still missing
 * are allowed: the evaluation reports what each rule lacked.
 */
function assertFacts(contentHash: string | null, formSchema: object, facts: Record<string, unknown>): void {
  const errors = formDataErrors(contentHash, formSchema, facts, 'facts', { allowMissing: true });
  if (errors.length === 0) return;
  throw factsOffForm(errors);
}

/**
 * Evaluates a version against given facts, as an application would be: outcome, explanation,
 * amount. Reads only; nothing is stored.
 */
@Injectable()
export class DryRunService {
  constructor(
    private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly territory: TerritoryService,
  ) {}

  async run(actor: Principal, code: string, version: number, dto: DryRunDto): Promise<DryRunResultDto> {
    const { version: v } = await findVersion(this.db.manager, code, version);
    if (v.status === 'draft' && !hasRole(actor, Role.ADMIN)) throw measureNotFound();
    assertFacts(v.contentHash, v.definition.formSchema, dto.facts);
    const applicationDate = dto.applicationDate ?? applicationDateInRome(this.clock.now());
    const residenceCode =
      typeof dto.facts.residenceIstatCode === 'string' && /^\d{6}$/.test(dto.facts.residenceIstatCode)
        ? dto.facts.residenceIstatCode
        : null;
    await this.territory.assertCovers(v.territorialScope, residenceCode);
    const context = await this.contextFor(applicationDate, residenceCode);
    const { evaluation, benefit, benefitError } = assess(v.definition, dto.facts, context);
    return {
      outcome: evaluation.outcome,
      rules: evaluation.rules.map((r) => ({
        ...r,
        inputs: { ...r.inputs },
        missing: r.missing ? [...r.missing] : undefined,
      })),
      factIssues: evaluation.factIssues.map((i) => ({ ...i })),
      benefit,
      benefitError,
      applicationDate,
      contentHash: v.contentHash,
      coverage: await this.territory.coverageOf(v.territorialScope),
    };
  }

  /** The domain's lookup is synchronous: the one municipality the facts name is read first. */
  private async contextFor(applicationDate: string, code: string | null): Promise<EvaluationContext> {
    const residence = code ? await this.territory.residenceOf(code) : null;
    const info: MunicipalityInfo | null = residence
      ? { atsCode: residence.atsCode, ambitoCode: residence.ambitoCode }
      : null;
    return { applicationDate, municipality: (c) => (c === code ? info : null) };
  }
}
