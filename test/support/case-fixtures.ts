import type { Actor } from './actors.js';
import { draftAndSubmit } from './cases.js';
import { uniqueFiscalCode } from './fiscal-codes.js';
import { MILANO } from './places.js';
import type { TestContext } from './test-app.js';

export { MILANO } from './places.js';

/** An orphans-of-femicide application from a court-appointed guardian for a minor in Milano. */
export const orphanForm = (overrides: Record<string, unknown> = {}) => ({
  applicantRole: 'guardian',
  guardianshipAct: 'Tribunale di Milano, decreto n. 123/2024',
  beneficiaryFiscalCode: uniqueFiscalCode(),
  beneficiaryBirthDate: '2012-05-01',
  residenceIstatCode: MILANO,
  crimeDate: '2015-06-01',
  perpetratorRelationship: 'spouse',
  judicialAttestation: 'court_ruling',
  iban: 'IT60X0542811101000000123456',
  ...overrides,
});

/** A Nidi Gratis Plus application from a parent: ISEE minorenni of 22,000 EUR, 450 EUR a month for 10 months. */
export const nidiForm = (overrides: Record<string, unknown> = {}) => ({
  applicantRelationship: 'parent',
  childFiscalCode: uniqueFiscalCode(),
  childBirthDate: '2024-05-10',
  hasSiblingUnder10: true,
  nurseryCode: 'NIDO-MI-001',
  childEnrolledInAdmittedNursery: true,
  iseeType: 'minorenni',
  iseeValue: '22.000,00',
  iseeProtocol: 'INPS-ISEE-2024-123456789-00',
  iseeHasOmissionsOrDiscrepancies: false,
  monthlyFeeCents: 45_000,
  months: 10,
  ...overrides,
});

const ORDER = ['SUBMITTED', 'IN_REVIEW', 'PROPOSED', 'APPROVED'] as const;
export type GivenStatus = (typeof ORDER)[number];

export interface CaseCrew {
  applicant: Actor;
  /** Takes the case in charge for the operator, and decides. */
  manager?: Actor;
  operator?: Actor;
}

export interface GivenCaseOptions {
  measureCode?: string;
  data?: Record<string, unknown>;
  /** Asks for and answers one integration (soccorso istruttorio) while IN_REVIEW. */
  integration?: boolean;
}

/**
 * A fresh case driven to `status` through the real endpoints, as the applicant and the staff
 * would do it, so every test can start from the state it is about. Defaults to an orphans case.
 */
export async function givenCase(ctx: TestContext, status: GivenStatus, crew: CaseCrew, options: GivenCaseOptions = {}) {
  const reached = (s: GivenStatus) => ORDER.indexOf(status) >= ORDER.indexOf(s);
  const staff = (who: Actor | undefined, role: string) => {
    if (!who) throw new Error(`givenCase(${status}) needs a ${role}`);
    return who;
  };
  const { id, receipt } = await draftAndSubmit(
    ctx,
    crew.applicant.token,
    options.measureCode ?? 'ORFANI-FEMMINICIDIO',
    options.data ?? orphanForm(),
  );
  // Read from the database, not the API, so the fixture leaves no read in the access log.
  let [{ version }] = (await ctx.db.query(`SELECT version FROM applications WHERE id = $1`, [id])) as {
    version: number;
  }[];
  const step = async (req: ReturnType<Actor['post']>) => (version = (await req.expect(200)).body.version as number);
  if (reached('IN_REVIEW')) {
    await step(
      staff(crew.manager, 'manager').post(`/cases/${id}/take-in-charge`, {
        version,
        operatorId: staff(crew.operator, 'operator').id,
      }),
    );
    if (options.integration) {
      await step(
        staff(crew.operator, 'operator').post(`/cases/${id}/integration-request`, {
          version,
          message: 'Allegare il decreto di tutela',
          days: 10,
        }),
      );
      await step(crew.applicant.post(`/applications/${id}/integration-response`, { version, message: 'Allegato' }));
    }
  }
  if (reached('PROPOSED')) {
    await step(
      staff(crew.operator, 'operator').post(`/cases/${id}/proposal`, {
        version,
        outcome: 'approve',
        reasons: 'Requisiti verificati',
      }),
    );
  }
  if (reached('APPROVED')) {
    await step(
      staff(crew.manager, 'manager').post(`/cases/${id}/decision`, { version, outcome: 'approve', reasons: 'Accolta' }),
    );
  }
  return { id, version, protocolNumber: receipt.protocolNumber };
}

/** The history of a case approved after one integration, as `givenCase(…, 'APPROVED', …, { integration: true })` drives it. */
export const APPROVED_AFTER_INTEGRATION = [
  'submit',
  'take_in_charge',
  'request_integration',
  'answer_integration',
  'propose',
  'decide_approve',
] as const;
