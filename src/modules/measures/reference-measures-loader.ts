import type { EntityManager } from 'typeorm';
import { REFERENCE_MEASURES, type MeasureDefinition } from './domain/index.js';
import { Measure } from './measure.entity.js';
import { insertVersion } from './measure-versions.repository.js';
import {
  versionContentHash,
  type ManagingBody,
  type TerritorialScopeJson,
  type VersionContent,
} from './measure-version-content.js';

/**
 * Demo application window of every reference measure (the real windows are yearly acts):
 * Europe/Rome local times, winter offset. The version is in force from the window's opening.
 */
export const REFERENCE_WINDOW = {
  opensAt: new Date('2026-01-01T00:00:00+01:00'),
  closesAt: new Date('2027-12-31T23:59:59+01:00'),
};

const REGION_WIDE: TerritorialScopeJson = { atsCodes: [], ambitoCodes: [] };

/** Managing body and territorial scope per reference measure (shared/domain digest, section 1). */
const PLACEMENT: Readonly<Record<string, { managingBody: ManagingBody; territorialScope: TerritorialScopeJson }>> = {
  'ORFANI-FEMMINICIDIO': { managingBody: { kind: 'ATS', code: '326' }, territorialScope: REGION_WIDE },
  'NIDI-GRATIS-PLUS-2024-25': { managingBody: { kind: 'REGION', code: null }, territorialScope: REGION_WIDE },
  'B1-FNA-2025': { managingBody: { kind: 'REGION', code: null }, territorialScope: REGION_WIDE },
  'B2-FNA-2025-SEREGNO': {
    managingBody: { kind: 'AMBITO', code: 'AMB-324-SEREGNO' },
    territorialScope: { atsCodes: [], ambitoCodes: ['AMB-324-SEREGNO'] },
  },
  'ALER-VIOLENZA': { managingBody: { kind: 'REGION', code: null }, territorialScope: REGION_WIDE },
  'BONUS-ASSISTENTI-FAMILIARI': { managingBody: { kind: 'REGION', code: null }, territorialScope: REGION_WIDE },
};

export function referenceContent(definition: MeasureDefinition): VersionContent {
  const placement = PLACEMENT[definition.code] ?? {
    managingBody: { kind: 'REGION', code: null },
    territorialScope: REGION_WIDE,
  };
  return {
    definition,
    windowOpensAt: REFERENCE_WINDOW.opensAt,
    windowClosesAt: REFERENCE_WINDOW.closesAt,
    quotas: [],
    ...placement,
  };
}

/**
 * Seeds every reference measure as a measure with published version 1, idempotently: a code
 * that already exists is left alone (its versions belong to the administrators now).
 */
export async function loadReferenceMeasures(em: EntityManager): Promise<{ measures: number }> {
  let created = 0;
  for (const definition of REFERENCE_MEASURES) {
    if (await em.existsBy(Measure, { code: definition.code })) continue;
    const measure = await em.save(Measure, em.create(Measure, { code: definition.code }));
    const content = referenceContent(definition);
    await insertVersion(em, {
      measureId: measure.id,
      version: 1,
      status: 'published',
      ...content,
      validFrom: REFERENCE_WINDOW.opensAt,
      contentHash: versionContentHash(content),
      publishedAt: REFERENCE_WINDOW.opensAt,
    });
    created++;
  }
  return { measures: created };
}
