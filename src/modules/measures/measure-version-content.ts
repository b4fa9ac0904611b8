import { createHash } from 'node:crypto';
import { canonicalJson, type MeasureDefinition } from './domain/index.js';

/** Who examines the applications: the Region, one ATS or one Ambito. */
export interface ManagingBody {
  kind: 'REGION' | 'ATS' | 'AMBITO';
  code: string | null;
}

/** Where a measure applies; both lists empty: the whole region. */
export interface TerritorialScopeJson {
  atsCodes: string[];
  ambitoCodes: string[];
}

/** A share of the budget reserved to one ATS or Ambito, in the budget's unit (cents or units). */
export interface Quota {
  kind: 'ATS' | 'AMBITO';
  code: string;
  amount: number;
}

/** Everything a published version freezes. */
export interface VersionContent {
  definition: MeasureDefinition;
  windowOpensAt: Date;
  windowClosesAt: Date;
  managingBody: ManagingBody;
  territorialScope: TerritorialScopeJson;
  quotas: Quota[];
}

/**
 * sha256 (hex) of the canonical JSON (the domain's canonicalJson, as contentHash uses for the
 * definition alone) of the definition together with window, managing body, scope and quotas:
 * changing any of them is a different version. Instants are hashed as ISO 8601 UTC strings.
 */
export function versionContentHash(content: VersionContent): string {
  const canonical = canonicalJson({
    definition: content.definition,
    window: { opensAt: content.windowOpensAt.toISOString(), closesAt: content.windowClosesAt.toISOString() },
    managingBody: content.managingBody,
    territorialScope: content.territorialScope,
    quotas: content.quotas,
  });
  return createHash('sha256').update(canonical, 'utf8').digest('hex');
}
