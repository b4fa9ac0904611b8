import { describe, expect, it } from '@jest/globals';
import { assess, contextFromSnapshot, type StoredContext } from './assess.js';
import { REFERENCE_MEASURES } from './reference-measures/index.js';
import { SAMPLE_APPLICATIONS } from './reference-measures/sample-applications.js';
import { contextOn } from './test-support.js';

/** Each sample's date inside its measure's window, as the reference-measure specs use it. */
const DATES: Record<string, string> = {
  'ORFANI-FEMMINICIDIO': '2025-03-14',
  'NIDI-GRATIS-PLUS-2024-25': '2024-11-20',
  'B1-FNA-2025': '2025-03-01',
  'B2-FNA-2025-SEREGNO': '2025-04-01',
  'BONUS-ASSISTENTI-FAMILIARI': '2025-10-10',
};
const dateOf = (code: string) => DATES[code] ?? '2025-03-01';

/** What submission stores (eligibility_decisions), through JSON as jsonb returns it. */
function storedSnapshot(code: string, inputs: Record<string, unknown>) {
  const def = REFERENCE_MEASURES.find((d) => d.code === code)!;
  const applicationDate = dateOf(code);
  const residenceIstatCode = typeof inputs.residenceIstatCode === 'string' ? inputs.residenceIstatCode : null;
  const context: StoredContext = {
    residenceIstatCode,
    residence: residenceIstatCode ? contextOn(applicationDate).municipality(residenceIstatCode) : null,
  };
  const assessed = assess(def, inputs, contextFromSnapshot({ applicationDate, context }));
  return {
    def,
    snapshot: JSON.parse(JSON.stringify({ applicationDate, inputs, context, ...assessed })) as {
      applicationDate: string;
      inputs: Record<string, unknown>;
      context: StoredContext;
    } & typeof assessed,
  };
}

describe('assess from a stored snapshot', () => {
  const codes = Object.keys(SAMPLE_APPLICATIONS);

  it('covers every reference measure that has a sample application', () => {
    expect(codes.length).toBeGreaterThanOrEqual(5);
    for (const code of codes) expect(REFERENCE_MEASURES.some((d) => d.code === code)).toBe(true);
  });

  it.each(codes)('%s: re-assessing the stored snapshot gives the stored result', (code) => {
    const { def, snapshot } = storedSnapshot(code, { ...SAMPLE_APPLICATIONS[code] });
    const again = assess(def, snapshot.inputs, contextFromSnapshot(snapshot));
    expect(JSON.parse(JSON.stringify(again))).toEqual({
      evaluation: snapshot.evaluation,
      benefit: snapshot.benefit,
      benefitError: snapshot.benefitError,
    });
    // A sample is a complete, valid application: it is assessed, not refused.
    expect(snapshot.evaluation.outcome).not.toBe('not_eligible');
    expect(snapshot.benefit ?? snapshot.benefitError).not.toBeNull();
  });

  it('rebuilds only the residence resolved at submission', () => {
    const context = contextFromSnapshot({
      applicationDate: '2025-03-01',
      context: { residenceIstatCode: '015146', residence: { atsCode: '321', ambitoCode: null } },
    });
    expect(context.municipality('015146')).toEqual({ atsCode: '321', ambitoCode: null });
    expect(context.municipality('017029')).toBeNull();
  });
});
