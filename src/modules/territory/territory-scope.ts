/** Where a person lives, in the territorial units the Region organises services by. */
export interface Residence {
  atsCode: string;
  ambitoCode: string | null;
}

export interface TerritorialScope {
  atsCodes: string[];
  ambitoCodes: string[];
}

/**
 * An officer scoped to an ATS covers every resident of that ATS; one scoped to an Ambito
 * covers only residents of municipalities assigned to that Ambito. No residence, no access.
 */
export function scopeCovers(scope: TerritorialScope, residence: Residence | null): boolean {
  if (!residence) return false;
  if (scope.atsCodes.includes(residence.atsCode)) return true;
  return residence.ambitoCode !== null && scope.ambitoCodes.includes(residence.ambitoCode);
}
