import type { Expression } from './expression.js';

/**
 * The versioned, data-only content of a measure version. Administrators edit it as JSON; once
 * a version is published it is frozen by its contentHash, and every decision taken under it
 * can be re-run by an auditor from (definition, submitted facts, context) alone.
 */

export interface I18nText {
  readonly it: string;
  readonly en: string;
}

/** Bumped only if the meaning of any field or operator changes; old versions keep theirs. */
export const DEFINITION_FORMAT_VERSION = 1;

/**
 * a_sportello: funded in protocol order until the budget runs out; graduatoria: ranked list;
 * in_kind: allocation of a limited number of units (flats), not money.
 */
export type ProcedureType = 'a_sportello' | 'graduatoria' | 'in_kind';

export interface LegalReference {
  /** As cited in acts, e.g. "L.R. 11/2012 art. 7-bis", "DGR XII/639/2023". */
  readonly citation: string;
  readonly title: I18nText;
}

export interface Source {
  readonly title: string;
  /** Absent for documents known by title only (e.g. the Region's yearly report). */
  readonly url?: string;
}

/** published: stated by the body; approx: secondary or disagreeing sources; demo: invented. */
export type FigureQuality = 'published' | 'approx' | 'demo';

export type Budget =
  | { readonly kind: 'money'; readonly totalCents: number; readonly figure: FigureQuality; readonly note: I18nText }
  | { readonly kind: 'units'; readonly units: number; readonly figure: FigureQuality; readonly note: I18nText };

/**
 * requirement: failing it means not eligible. review: a fact only a person can assess (a court
 * document, the phase of a woman's path out of violence); it never passes automatically, it
 * needs review unless the declared facts already clearly fail it.
 */
export type RuleKind = 'requirement' | 'review';

export interface EligibilityRule {
  /** Stable within the measure across versions, kebab-case: decisions cite it. */
  readonly id: string;
  readonly kind: RuleKind;
  /** The sentence shown to applicants, officers and auditors. */
  readonly text: I18nText;
  readonly expression: Expression;
}

export interface IseeBand {
  /** Upper bound, inclusive, in cents (fascia ISEE "fino a"). */
  readonly maxIseeCents: number;
  /** null: no cap in this band. */
  readonly capCents: number | null;
}

/** Declarative money arithmetic, evaluated in integer cents. */
export type MoneyExpression =
  | { readonly op: 'constant'; readonly cents: number; readonly label: I18nText }
  | { readonly op: 'fact'; readonly fact: string; readonly label: I18nText }
  /** max(0, of - over): e.g. the nursery fee above the INPS Bonus Nido monthly amount. */
  | { readonly op: 'excess'; readonly of: MoneyExpression; readonly over: MoneyExpression }
  /** basisPoints / 100 percent, rounded half up to the cent: 6000 = 60 %. */
  | { readonly op: 'percent'; readonly basisPoints: number; readonly of: MoneyExpression }
  /** Caps `of` by the first band (ascending) whose maximum ISEE is not below iseeValueCents. */
  | { readonly op: 'capByIseeBand'; readonly of: MoneyExpression; readonly bands: readonly IseeBand[] }
  | {
      readonly op: 'when';
      readonly condition: Expression;
      /** Describes the condition in the explanation. */
      readonly label: I18nText;
      readonly then: MoneyExpression;
      readonly else: MoneyExpression;
    }
  /** Amount chosen by the value of an enumerated fact, e.g. the care arrangement. */
  | {
      readonly op: 'table';
      readonly fact: string;
      readonly label: I18nText;
      readonly cases: Readonly<Record<string, { readonly cents: number; readonly label: I18nText }>>;
    };

export type MonthsSpec =
  | { readonly fixed: number }
  /** Months as declared by the applicant, never more than max. */
  | { readonly fact: string; readonly max: number };

export type BenefitFormula =
  | { readonly type: 'one_off'; readonly amount: MoneyExpression }
  | { readonly type: 'monthly'; readonly monthly: MoneyExpression; readonly months: MonthsSpec }
  | { readonly type: 'in_kind'; readonly units: number; readonly unit: I18nText; readonly description: I18nText };

export interface RankingKey {
  /** A derived fact name, e.g. iseeValueCents. */
  readonly fact: string;
  readonly direction: 'asc' | 'desc';
  readonly label: I18nText;
}

export interface RankingCriteria {
  readonly keys: readonly RankingKey[];
  /** Always protocol order (earlier receipt first): the only tie-breaker the law accepts as neutral. */
  readonly tieBreaker: 'protocol_order';
}

export interface Incompatibility {
  /**
   * Exact measure codes, or a prefix ending in "*" ("B2-FNA-2025-*" covers every Ambito's
   * B2 notice). Scope: the same beneficiary in the same calendar year.
   */
  readonly measureCodes: readonly string[];
  readonly scope: 'same_beneficiary_same_year';
  readonly reason: I18nText;
}

export interface RequiredDocument {
  readonly id: string;
  readonly name: I18nText;
  /** Required only when this holds; absent: always required. Unknown counts as required. */
  readonly when?: Expression;
  readonly mediaTypes: readonly string[];
}

/** A JSON Schema (draft 2020-12) carried as data; the API validates submissions with it. */
export type JsonSchema = Readonly<Record<string, unknown>>;

export interface MeasureDefinition {
  readonly formatVersion: typeof DEFINITION_FORMAT_VERSION;
  /** Stable across versions: uppercase words joined by "-". */
  readonly code: string;
  readonly title: I18nText;
  readonly description: I18nText;
  readonly legalBasis: readonly LegalReference[];
  /** Ente gestore: who examines the applications. */
  readonly managingBody: I18nText;
  readonly procedure: {
    readonly type: ProcedureType;
    /** L. 241/1990 art. 2: 30 by default, at most 90 (180 for complex cases). */
    readonly deadlineDays: number;
  };
  readonly budget: Budget;
  readonly eligibility: readonly EligibilityRule[];
  readonly benefit: BenefitFormula;
  /** Required for graduatoria, null otherwise. */
  readonly ranking: RankingCriteria | null;
  readonly incompatibilities: readonly Incompatibility[];
  readonly requiredDocuments: readonly RequiredDocument[];
  readonly formSchema: JsonSchema;
  /**
   * The form field holding the beneficiary's codice fiscale (the orphan, the child, the woman):
   * at most one active application per beneficiary per measure.
   */
  readonly beneficiaryFiscalCodeField: string;
  /**
   * Cases about violence: visible only to the submitting CAV and the staff assigned to them,
   * every read recorded, notifications neutral.
   */
  readonly sealed: boolean;
  /**
   * Granting it reveals the beneficiary's health or economic-social hardship (D.Lgs. 33/2013
   * art. 26 c. 4: disability, dependency, a means-tested threshold, a crime): its grants are
   * published only as aggregates, never per beneficiary. Sealed measures are treated so anyway.
   */
  readonly revealsHealthOrHardship?: boolean;
  /** Where the thresholds and amounts come from. */
  readonly sources: readonly Source[];
}
