import type { AdminMeasureDto, MeasureVersionDto, PublicMeasureDto } from './dto/measure-views.dto.js';
import type { MeasureVersion } from './measure-version.entity.js';
import type { Measure } from './measure.entity.js';

const iso = (d: Date | null) => d?.toISOString() ?? null;

/** Applications are accepted from opensAt to closesAt, both inclusive. */
export const isOpen = (v: MeasureVersion, now: Date) => v.windowOpensAt <= now && now <= v.windowClosesAt;

export function toVersionDto(code: string, v: MeasureVersion, now: Date): MeasureVersionDto {
  return {
    code,
    version: v.version,
    status: v.status,
    definition: v.definition as unknown as Record<string, unknown>,
    formSchema: { ...(v.definition.formSchema ?? {}) },
    requiredDocuments: (v.definition.requiredDocuments ?? []).map((d) => ({ ...d, mediaTypes: [...d.mediaTypes] })),
    window: { opensAt: v.windowOpensAt.toISOString(), closesAt: v.windowClosesAt.toISOString() },
    open: v.status !== 'draft' && isOpen(v, now),
    managingBody: v.managingBody,
    territorialScope: v.territorialScope,
    quotas: v.quotas,
    validFrom: iso(v.validFrom),
    validTo: iso(v.validTo),
    contentHash: v.contentHash,
    publishedAt: iso(v.publishedAt),
    retiredAt: iso(v.retiredAt),
    lockVersion: v.lockVersion,
  };
}

export function toPublicMeasure(code: string, v: MeasureVersion, now: Date): PublicMeasureDto {
  return {
    code,
    version: v.version,
    title: v.definition.title,
    description: v.definition.description,
    procedureType: v.definition.procedure.type,
    managingBody: v.managingBody,
    territorialScope: v.territorialScope,
    window: { opensAt: v.windowOpensAt.toISOString(), closesAt: v.windowClosesAt.toISOString() },
    open: isOpen(v, now),
    contentHash: v.contentHash ?? '',
  };
}

export function toAdminMeasure(measure: Measure, versions: MeasureVersion[]): AdminMeasureDto {
  const sorted = [...versions].sort((a, b) => a.version - b.version);
  const latest = sorted[sorted.length - 1];
  return {
    id: measure.id,
    code: measure.code,
    title: latest ? latest.definition.title : { it: '', en: '' },
    createdAt: measure.createdAt.toISOString(),
    versions: sorted.map((v) => ({
      version: v.version,
      status: v.status,
      validFrom: iso(v.validFrom),
      validTo: iso(v.validTo),
    })),
  };
}
