import type { IseeType } from '../../../common/identifiers/isee-attestation.js';
import { ageInYears, parseIsoDate } from './calendar.js';
import { isFactValue, type FactValue, type Facts } from './facts.js';
import { parseEuroToCents } from './money.js';

/**
 * Facts computed from what the applicant submitted. Rules read these instead of redoing the
 * arithmetic, so every measure counts age, residence and ISEE the same way. A submitted fact
 * with a derived name is ignored: nobody can declare themselves "residentInLombardy".
 */

export interface MunicipalityInfo {
  readonly atsCode: string;
  /** Ambito territoriale (social-plan district); null where none is assigned. */
  readonly ambitoCode: string | null;
}

export interface EvaluationContext {
  /** Civil date of receipt in Europe/Rome, YYYY-MM-DD (see applicationDateInRome). */
  readonly applicationDate: string;
  /**
   * Lombardy municipalities by ISTAT code, as valid on the application date (municipalities
   * merge and codes change: re-running a decision needs the table of its day). null: not a
   * Lombardy municipality.
   */
  readonly municipality: (istatCode: string) => MunicipalityInfo | null;
}

export type FactIssueCode =
  | 'invalid_date'
  | 'birth_after_application'
  | 'invalid_istat_code'
  | 'invalid_isee_value'
  | 'unknown_isee_type'
  | 'reserved_fact'
  | 'unsupported_value';

/** A submitted value that could not be used; the facts derived from it are left missing. */
export interface FactIssue {
  readonly fact: string;
  readonly code: FactIssueCode;
}

export interface DerivedFacts {
  readonly facts: Facts;
  readonly issues: readonly FactIssue[];
}

/** Submitted facts read by deriveFacts (by convention, also any "...BirthDate"). */
const SUBMITTED = {
  residence: 'residenceIstatCode',
  iseeType: 'iseeType',
  iseeValue: 'iseeValue',
} as const;

export const DERIVED = {
  applicationDate: 'applicationDate',
  residentInLombardy: 'residentInLombardy',
  residenceAtsCode: 'residenceAtsCode',
  residenceAmbitoCode: 'residenceAmbitoCode',
  iseeValueCents: 'iseeValueCents',
} as const;

const BIRTH_DATE_SUFFIX = 'BirthDate';
const AGE_SUFFIX = 'AgeYears';

/** "ISEE Socio-sanitario", "minori", "ISEE_ORDINARIO" → the attestation type. */
const ISEE_ALIASES: Readonly<Record<string, IseeType>> = {
  ordinario: 'ordinario',
  standard: 'ordinario',
  minorenni: 'minorenni',
  minori: 'minorenni',
  sociosanitario: 'sociosanitario',
  corrente: 'corrente',
};

/** "beneficiaryBirthDate" → "beneficiaryAgeYears"; "birthDate" → "ageYears". */
function ageFactFor(birthDateFact: string): string | null {
  if (!birthDateFact.endsWith(BIRTH_DATE_SUFFIX)) return null;
  const prefix = birthDateFact.slice(0, -BIRTH_DATE_SUFFIX.length);
  return prefix ? `${prefix}${AGE_SUFFIX}` : 'ageYears';
}

/** The names deriveFacts can add when a form has these submitted fields. */
export function derivableFacts(submittedFields: readonly string[]): string[] {
  const names: string[] = [DERIVED.applicationDate];
  for (const field of submittedFields) {
    const age = ageFactFor(field);
    if (age) names.push(age);
  }
  if (submittedFields.includes(SUBMITTED.residence)) {
    names.push(DERIVED.residentInLombardy, DERIVED.residenceAtsCode, DERIVED.residenceAmbitoCode);
  }
  if (submittedFields.includes(SUBMITTED.iseeValue)) names.push(DERIVED.iseeValueCents);
  return names;
}

function isReserved(name: string): boolean {
  return (Object.values(DERIVED) as string[]).includes(name) || name.endsWith(AGE_SUFFIX);
}

export function deriveFacts(submitted: Readonly<Record<string, unknown>>, context: EvaluationContext): DerivedFacts {
  if (!parseIsoDate(context.applicationDate)) {
    throw new RangeError(`Context applicationDate is not YYYY-MM-DD: ${context.applicationDate}`);
  }
  const facts: Record<string, FactValue> = {};
  const issues: FactIssue[] = [];
  for (const [name, value] of Object.entries(submitted)) {
    if (value === null || value === undefined) continue;
    if (isReserved(name)) issues.push({ fact: name, code: 'reserved_fact' });
    else if (!isFactValue(value)) issues.push({ fact: name, code: 'unsupported_value' });
    else facts[name] = value;
  }
  facts[DERIVED.applicationDate] = context.applicationDate;
  deriveAges(facts, context.applicationDate, issues);
  deriveResidence(facts, context, issues);
  normaliseIsee(facts, issues);
  return { facts, issues };
}

function deriveAges(facts: Record<string, FactValue>, on: string, issues: FactIssue[]): void {
  for (const [name, value] of Object.entries(facts)) {
    const ageFact = ageFactFor(name);
    if (!ageFact) continue;
    if (typeof value !== 'string' || !parseIsoDate(value)) {
      issues.push({ fact: name, code: 'invalid_date' });
      delete facts[name];
    } else if (value > on) {
      issues.push({ fact: name, code: 'birth_after_application' });
    } else {
      facts[ageFact] = ageInYears(value, on);
    }
  }
}

function deriveResidence(facts: Record<string, FactValue>, context: EvaluationContext, issues: FactIssue[]): void {
  const istatCode = facts[SUBMITTED.residence];
  if (istatCode === undefined) return;
  if (typeof istatCode !== 'string' || !/^\d{6}$/.test(istatCode)) {
    issues.push({ fact: SUBMITTED.residence, code: 'invalid_istat_code' });
    delete facts[SUBMITTED.residence];
    return;
  }
  const municipality = context.municipality(istatCode);
  facts[DERIVED.residentInLombardy] = municipality !== null;
  if (!municipality) return;
  facts[DERIVED.residenceAtsCode] = municipality.atsCode;
  if (municipality.ambitoCode !== null) facts[DERIVED.residenceAmbitoCode] = municipality.ambitoCode;
}

function normaliseIsee(facts: Record<string, FactValue>, issues: FactIssue[]): void {
  const type = facts[SUBMITTED.iseeType];
  if (type !== undefined) {
    const key =
      typeof type === 'string'
        ? type
            .toLowerCase()
            .replace(/^isee/, '')
            .replace(/[^a-z]/g, '')
        : '';
    const normalised = ISEE_ALIASES[key];
    if (normalised) facts[SUBMITTED.iseeType] = normalised;
    else {
      issues.push({ fact: SUBMITTED.iseeType, code: 'unknown_isee_type' });
      delete facts[SUBMITTED.iseeType];
    }
  }
  const value = facts[SUBMITTED.iseeValue];
  if (value === undefined) return;
  const cents = typeof value === 'string' || typeof value === 'number' ? parseEuroToCents(value) : null;
  if (cents === null) issues.push({ fact: SUBMITTED.iseeValue, code: 'invalid_isee_value' });
  else facts[DERIVED.iseeValueCents] = cents;
}
