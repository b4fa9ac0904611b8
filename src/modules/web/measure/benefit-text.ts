import { formatCents, type BenefitFormula, type MoneyExpression } from '../../measures/domain/index.js';
import type { Lang } from '../i18n/lang.js';

const W = {
  it: {
    above: 'oltre',
    of: 'di',
    capBands: 'con un tetto per fascia ISEE',
    upTo: 'ISEE fino a',
    noCap: 'senza tetto',
    max: 'al massimo',
    if: 'se',
    otherwise: 'altrimenti',
    by: 'secondo',
    months: 'mesi',
    forMonths: 'per i mesi indicati, al massimo',
    monthsFixed: 'per',
  },
  en: {
    above: 'above',
    of: 'of',
    capBands: 'capped by ISEE band',
    upTo: 'ISEE up to',
    noCap: 'no cap',
    max: 'at most',
    if: 'if',
    otherwise: 'otherwise',
    by: 'by',
    months: 'months',
    forMonths: 'for the months declared, at most',
    monthsFixed: 'for',
  },
};

/** A money formula in plain words, from the definition itself (the same the engine computes). */
export function describeMoney(e: MoneyExpression, lang: Lang): string {
  const w = W[lang];
  switch (e.op) {
    case 'constant':
      return formatCents(e.cents, lang);
    case 'fact':
      return e.label[lang];
    case 'excess':
      // A conditional amount reads as one term in parentheses.
      return `${describeMoney(e.of, lang)} ${w.above} ${e.over.op === 'when' ? `(${describeMoney(e.over, lang)})` : describeMoney(e.over, lang)}`;
    case 'percent':
      return `${(e.basisPoints / 100).toLocaleString(lang === 'it' ? 'it-IT' : 'en-GB')}% ${w.of} ${describeMoney(e.of, lang)}`;
    case 'capByIseeBand':
      return `${describeMoney(e.of, lang)}, ${w.capBands}: ${e.bands
        .map(
          (b) =>
            `${w.upTo} ${formatCents(b.maxIseeCents, lang)} ${b.capCents === null ? w.noCap : `${w.max} ${formatCents(b.capCents, lang)}`}`,
        )
        .join('; ')}`;
    case 'when':
      return `${w.if} ${e.label[lang]}: ${describeMoney(e.then, lang)}; ${w.otherwise} ${describeMoney(e.else, lang)}`;
    case 'table':
      return `${w.by} ${e.label[lang]}: ${Object.values(e.cases)
        .map((c) => `${c.label[lang]} ${formatCents(c.cents, lang)}`)
        .join('; ')}`;
  }
}

export function describeBenefit(b: BenefitFormula, lang: Lang): string {
  const w = W[lang];
  if (b.type === 'one_off') return describeMoney(b.amount, lang);
  if (b.type === 'in_kind') return `${b.units} ${b.unit[lang]}: ${b.description[lang]}`;
  const months =
    'fixed' in b.months
      ? `${w.monthsFixed} ${b.months.fixed} ${w.months}`
      : 'fact' in b.months
        ? `${w.forMonths} ${b.months.max} ${w.months}`
        : '';
  return `${describeMoney(b.monthly, lang)}, ${months}`.replace(/, $/, '');
}
