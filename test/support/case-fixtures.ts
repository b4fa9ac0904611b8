import { uniqueFiscalCode } from './fiscal-codes.js';

export const MILANO = '015146';

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
