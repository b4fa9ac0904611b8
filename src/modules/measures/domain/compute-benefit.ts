import { DERIVED } from './derive-facts.js';
import { evaluateExpression, ExpressionError, UNKNOWN, type ReadLog, type Value } from './expression.js';
import type { Facts } from './facts.js';
import type { I18nText, MeasureDefinition, MoneyExpression, MonthsSpec } from './measure-definition.js';
import { formatBasisPoints, formatBothCents, formatCents, percentOfCents } from './money.js';

export interface BenefitComputation {
  /** Total granted, in cents (0 for in-kind benefits). */
  readonly amountCents: number;
  readonly monthlyCents?: number;
  readonly months?: number;
  /** In-kind units (e.g. 1 flat). */
  readonly units?: number;
  readonly explanation: I18nText;
}

/** The formula needs a fact that is missing or unusable: no amount is ever guessed. */
export class BenefitComputationError extends Error {
  override readonly name = 'BenefitComputationError';
  constructor(
    /** The fact at fault; null when the formula itself is malformed. */
    readonly fact: string | null,
    message: string,
  ) {
    super(message);
  }
}

interface Step {
  readonly cents: number;
  /** How the amount was obtained, ending with it. */
  readonly text: I18nText;
}

/**
 * The benefit for an eligible application, from derived facts (deriveFacts(...).facts).
 * Throws BenefitComputationError when an input is missing: computing only runs on complete,
 * eligible applications, and a silent 0 could be paid.
 */
export function computeBenefit(definition: Pick<MeasureDefinition, 'benefit'>, facts: Facts): BenefitComputation {
  const formula = definition.benefit;
  switch (formula.type) {
    case 'one_off': {
      const amount = money(formula.amount, facts);
      return {
        amountCents: amount.cents,
        explanation: { it: `Contributo una tantum: ${amount.text.it}.`, en: `One-off grant: ${amount.text.en}.` },
      };
    }
    case 'monthly': {
      const monthly = money(formula.monthly, facts);
      const months = monthsOf(formula.months, facts);
      const total = monthly.cents * months.count;
      const [m, t] = [formatBothCents(monthly.cents), formatBothCents(total)];
      return {
        amountCents: total,
        monthlyCents: monthly.cents,
        months: months.count,
        explanation: {
          it: `Importo mensile: ${monthly.text.it}. ${months.text.it}. Totale: ${m.it} × ${months.count} = ${t.it}.`,
          en: `Monthly amount: ${monthly.text.en}. ${months.text.en}. Total: ${m.en} × ${months.count} = ${t.en}.`,
        },
      };
    }
    case 'in_kind':
      return {
        amountCents: 0,
        units: formula.units,
        explanation: {
          it: `${formula.units} × ${formula.unit.it}: ${formula.description.it}.`,
          en: `${formula.units} × ${formula.unit.en}: ${formula.description.en}.`,
        },
      };
  }
}

function money(expression: MoneyExpression, facts: Facts): Step {
  switch (expression.op) {
    case 'constant': {
      const amount = formatBothCents(expression.cents);
      return {
        cents: expression.cents,
        text: { it: `${expression.label.it} ${amount.it}`, en: `${expression.label.en} ${amount.en}` },
      };
    }
    case 'fact': {
      const cents = centsFact(expression.fact, facts);
      const amount = formatBothCents(cents);
      return { cents, text: { it: `${expression.label.it} ${amount.it}`, en: `${expression.label.en} ${amount.en}` } };
    }
    case 'excess': {
      const [of, over] = [money(expression.of, facts), money(expression.over, facts)];
      const cents = Math.max(0, of.cents - over.cents);
      const amount = formatBothCents(cents);
      return {
        cents,
        text: {
          it: `${of.text.it} oltre ${over.text.it}: ${amount.it}`,
          en: `${of.text.en} above ${over.text.en}: ${amount.en}`,
        },
      };
    }
    case 'percent': {
      const of = money(expression.of, facts);
      const cents = percentOfCents(of.cents, expression.basisPoints);
      return {
        cents,
        text: {
          it: `${formatBasisPoints(expression.basisPoints, 'it')} di ${of.text.it} = ${formatCents(cents, 'it')}`,
          en: `${formatBasisPoints(expression.basisPoints, 'en')} of ${of.text.en} = ${formatCents(cents, 'en')}`,
        },
      };
    }
    case 'capByIseeBand':
      return capByIseeBand(expression, facts);
    case 'when': {
      const holds = condition(expression, facts);
      const chosen = money(holds ? expression.then : expression.else, facts);
      const answer = holds ? { it: 'sì', en: 'yes' } : { it: 'no', en: 'no' };
      return {
        cents: chosen.cents,
        text: {
          it: `${chosen.text.it} (${expression.label.it}: ${answer.it})`,
          en: `${chosen.text.en} (${expression.label.en}: ${answer.en})`,
        },
      };
    }
    case 'table': {
      const key = facts[expression.fact];
      if (key === undefined) throw new BenefitComputationError(expression.fact, `Missing fact: ${expression.fact}`);
      const row = typeof key === 'string' && Object.hasOwn(expression.cases, key) ? expression.cases[key] : undefined;
      if (!row) throw new BenefitComputationError(expression.fact, `No amount for ${expression.fact} = ${String(key)}`);
      const amount = formatBothCents(row.cents);
      return {
        cents: row.cents,
        text: {
          it: `${expression.label.it} "${row.label.it}" ${amount.it}`,
          en: `${expression.label.en} "${row.label.en}" ${amount.en}`,
        },
      };
    }
  }
}

function capByIseeBand(expression: Extract<MoneyExpression, { op: 'capByIseeBand' }>, facts: Facts): Step {
  const of = money(expression.of, facts);
  const isee = centsFact(DERIVED.iseeValueCents, facts);
  const band = expression.bands.find((candidate) => isee <= candidate.maxIseeCents);
  if (!band) throw new BenefitComputationError(DERIVED.iseeValueCents, 'ISEE above the last band of the formula');
  const cents = band.capCents === null ? of.cents : Math.min(of.cents, band.capCents);
  const [value, max, result] = [formatBothCents(isee), formatBothCents(band.maxIseeCents), formatBothCents(cents)];
  if (band.capCents === null) {
    return {
      cents,
      text: {
        it: `${of.text.it}; ISEE ${value.it} nella fascia fino a ${max.it}, senza tetto: ${result.it}`,
        en: `${of.text.en}; ISEE ${value.en} in the band up to ${max.en}, uncapped: ${result.en}`,
      },
    };
  }
  const cap = formatBothCents(band.capCents);
  return {
    cents,
    text: {
      it: `${of.text.it}; ISEE ${value.it} nella fascia fino a ${max.it}, tetto ${cap.it}: ${result.it}`,
      en: `${of.text.en}; ISEE ${value.en} in the band up to ${max.en}, capped at ${cap.en}: ${result.en}`,
    },
  };
}

function condition(expression: Extract<MoneyExpression, { op: 'when' }>, facts: Facts): boolean {
  const reads: ReadLog = new Map();
  let value: Value;
  try {
    value = evaluateExpression(expression.condition, facts, reads);
  } catch (caught) {
    if (caught instanceof ExpressionError) throw new BenefitComputationError(null, caught.message);
    throw caught;
  }
  if (value === UNKNOWN) {
    const missing = [...reads].find(([, read]) => read === null)?.[0] ?? null;
    throw new BenefitComputationError(missing, `Cannot decide "${expression.label.en}": missing ${missing}`);
  }
  if (typeof value !== 'boolean') {
    throw new BenefitComputationError(null, `"${expression.label.en}" is not true or false`);
  }
  return value;
}

function centsFact(name: string, facts: Facts): number {
  const value = facts[name];
  if (value === undefined) throw new BenefitComputationError(name, `Missing fact: ${name}`);
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    throw new BenefitComputationError(name, `${name} must be a non-negative whole number of cents`);
  }
  return value;
}

function monthsOf(spec: MonthsSpec, facts: Facts): { count: number; text: I18nText } {
  if ('fixed' in spec) {
    return { count: spec.fixed, text: { it: `Per ${spec.fixed} mesi`, en: `For ${spec.fixed} months` } };
  }
  const declared = facts[spec.fact];
  if (declared === undefined) throw new BenefitComputationError(spec.fact, `Missing fact: ${spec.fact}`);
  if (typeof declared !== 'number' || !Number.isSafeInteger(declared) || declared < 0) {
    throw new BenefitComputationError(spec.fact, `${spec.fact} must be a whole number of months`);
  }
  const count = Math.min(declared, spec.max);
  return {
    count,
    text: {
      it: `Mesi dichiarati ${declared} (massimo ${spec.max}): ${count}`,
      en: `Months declared ${declared} (at most ${spec.max}): ${count}`,
    },
  };
}
