import type { EvaluationContext, MunicipalityInfo } from './derive-facts.js';

/**
 * A few municipalities as the territory table (src/modules/territory) codes them: ATS 321-328,
 * Ambiti AMB-<ATS>-<name>, null where no Ambito is assigned (Milano there, today).
 */
const MUNICIPALITIES: Readonly<Record<string, MunicipalityInfo>> = {
  '015146': { atsCode: '321', ambitoCode: null },
  '017029': { atsCode: '326', ambitoCode: 'AMB-326-BRESCIA' },
  '108039': { atsCode: '324', ambitoCode: 'AMB-324-SEREGNO' },
};

export const MILANO = '015146';
export const BRESCIA = '017029';
export const SEREGNO = '108039';
export const TORINO = '001272';

export function contextOn(applicationDate: string): EvaluationContext {
  return { applicationDate, municipality: (istatCode) => MUNICIPALITIES[istatCode] ?? null };
}

/** The explanation line of one rule, failing the test if the rule is absent. */
export function ruleOf<T extends { readonly id: string }>(evaluation: { readonly rules: readonly T[] }, id: string): T {
  const rule = evaluation.rules.find((candidate) => candidate.id === id);
  if (!rule) throw new Error(`No rule ${id}`);
  return rule;
}
