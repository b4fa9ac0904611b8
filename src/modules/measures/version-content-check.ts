import { In, type EntityManager } from 'typeorm';
import { Ambito } from '../territory/ambito.entity.js';
import { Ats } from '../territory/ats.entity.js';
import { structuralIssues } from './definition-validator.js';
import type { MeasureDefinition } from './domain/index.js';
import type { VersionContentDto } from './dto/version-content.dto.js';
import {
  invalidDefinition,
  quotasOverBudget,
  regionWithCode,
  unknownTerritorialCodes,
  windowInverted,
} from './measures.errors.js';
import type { VersionContent } from './measure-version-content.js';

/**
 * Checks what a draft may hold: a definition of the right shape for this measure's code, a
 * window, an existing managing body, scope and quota territories, quotas within the budget.
 * Semantic problems (unknown facts...) are allowed in a draft: validate reports them and
 * publish refuses them.
 */
export async function checkVersionContent(
  em: EntityManager,
  code: string | null,
  dto: VersionContentDto,
): Promise<VersionContent> {
  const shape = structuralIssues(dto.definition);
  if (shape.length) throw invalidDefinition(shape);
  const definition = dto.definition as unknown as MeasureDefinition;
  if (code !== null && definition.code !== code) {
    throw invalidDefinition([{ field: 'definition.code', message: `must be the measure's code ${code}` }]);
  }
  const windowOpensAt = new Date(dto.window.opensAt);
  const windowClosesAt = new Date(dto.window.closesAt);
  if (!(windowOpensAt < windowClosesAt)) {
    throw windowInverted();
  }
  const body = dto.managingBody;
  if (body.kind === 'REGION' && body.code !== null) {
    throw regionWithCode();
  }
  const quotas = dto.quotas ?? [];
  const atsCodes = [
    ...dto.territorialScope.atsCodes,
    ...(body.kind === 'ATS' && body.code ? [body.code] : []),
    ...quotas.filter((q) => q.kind === 'ATS').map((q) => q.code),
  ];
  const ambitoCodes = [
    ...dto.territorialScope.ambitoCodes,
    ...(body.kind === 'AMBITO' && body.code ? [body.code] : []),
    ...quotas.filter((q) => q.kind === 'AMBITO').map((q) => q.code),
  ];
  const knownAts = new Set((atsCodes.length ? await em.findBy(Ats, { code: In(atsCodes) }) : []).map((a) => a.code));
  const knownAmbiti = new Set(
    (ambitoCodes.length ? await em.findBy(Ambito, { code: In(ambitoCodes) }) : []).map((a) => a.code),
  );
  const unknown = (field: string, codes: string[], known: Set<string>) => {
    const missing = codes.filter((c) => !known.has(c));
    if (missing.length) {
      throw unknownTerritorialCodes(field, missing);
    }
  };
  unknown('territorialScope.atsCodes', dto.territorialScope.atsCodes, knownAts);
  unknown('territorialScope.ambitoCodes', dto.territorialScope.ambitoCodes, knownAmbiti);
  if (body.kind !== 'REGION') {
    unknown('managingBody.code', body.code ? [body.code] : [''], body.kind === 'ATS' ? knownAts : knownAmbiti);
  }
  quotas.forEach((q, i) => unknown(`quotas.${i}.code`, [q.code], q.kind === 'ATS' ? knownAts : knownAmbiti));
  const budget = definition.budget.kind === 'money' ? definition.budget.totalCents : definition.budget.units;
  const shares = quotas.reduce((sum, q) => sum + q.amount, 0);
  if (shares > budget) {
    throw quotasOverBudget(shares, budget);
  }
  return {
    definition,
    windowOpensAt,
    windowClosesAt,
    managingBody: { kind: body.kind, code: body.code },
    territorialScope: {
      atsCodes: [...dto.territorialScope.atsCodes],
      ambitoCodes: [...dto.territorialScope.ambitoCodes],
    },
    quotas: quotas.map((q) => ({ kind: q.kind, code: q.code, amount: q.amount })),
  };
}
