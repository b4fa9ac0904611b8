import type { I18nText } from './measure-definition.js';

/**
 * Money is integer euro cents end to end: a float would make 0.6 * 333333 = 199999.8 and
 * results would depend on the order of operations. Text is formatted here, not with Intl,
 * so an explanation is byte-identical on every Node/ICU version an auditor may use.
 */

const EURO_IT = /^\d{1,3}(\.\d{3})*(,\d{1,2})?$|^\d+(,\d{1,2})?$/;
const EURO_EN = /^\d+(\.\d{1,2})?$/;

/**
 * Euro amount as written on an ISEE attestation or typed by a person, to cents; null if it
 * is not a plain non-negative amount with at most two decimals. "25.000,00" and "25000.00"
 * are both 2500000; "25.000" is twenty-five thousand (Italian thousands separator), since
 * a dot followed by exactly three digits cannot be a cents separator.
 */
export function parseEuroToCents(input: string | number): number | null {
  const text = typeof input === 'number' ? (Number.isFinite(input) ? String(input) : '') : input.trim();
  let euros: string;
  let cents: string;
  if (EURO_EN.test(text)) {
    [euros, cents = ''] = text.split('.') as [string, string?];
  } else if (EURO_IT.test(text)) {
    [euros, cents = ''] = text.replace(/\./g, '').split(',') as [string, string?];
  } else {
    return null;
  }
  const value = Number(euros) * 100 + Number(cents.padEnd(2, '0'));
  return Number.isSafeInteger(value) ? value : null;
}

function groupThousands(digits: string, separator: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, separator);
}

/** The amount without sign or euro symbol: "50.000,00" in Italian, "50,000.00" in English. */
export function formatAmount(cents: number, language: keyof I18nText): string {
  const absolute = Math.abs(cents);
  const euros = String(Math.trunc(absolute / 100));
  const rest = String(absolute % 100).padStart(2, '0');
  return language === 'it' ? `${groupThousands(euros, '.')},${rest}` : `${groupThousands(euros, ',')}.${rest}`;
}

export function formatCents(cents: number, language: keyof I18nText): string {
  const sign = cents < 0 ? '-' : '';
  const amount = formatAmount(cents, language);
  return language === 'it' ? `${sign}${amount} €` : `${sign}€${amount}`;
}

export function formatBothCents(cents: number): I18nText {
  return { it: formatCents(cents, 'it'), en: formatCents(cents, 'en') };
}

/** basisPoints / 100 percent of an amount, rounded half up to the cent. */
export function percentOfCents(cents: number, basisPoints: number): number {
  const scaled = cents * basisPoints + 5_000;
  if (!Number.isSafeInteger(scaled)) throw new RangeError(`Amount too large for exact arithmetic: ${cents}`);
  return Math.floor(scaled / 10_000);
}

export function formatBasisPoints(basisPoints: number, language: keyof I18nText): string {
  const whole = String(Math.trunc(basisPoints / 100));
  const fraction = String(basisPoints % 100)
    .padStart(2, '0')
    .replace(/0+$/, '');
  if (!fraction) return `${whole}%`;
  return `${whole}${language === 'it' ? ',' : '.'}${fraction}%`;
}
