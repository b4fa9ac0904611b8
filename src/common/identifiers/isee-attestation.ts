/** The four ISEE kinds an INPS attestation can certify. */
export type IseeType = 'ordinario' | 'minorenni' | 'sociosanitario' | 'corrente';

const PROTOCOL = /^INPS-ISEE-(\d{4})-\d{9}-\d{2}$/;
// The reformed ISEE (DPCM 159/2013) and its attestation protocols started in 2015.
const FIRST_YEAR = 2015;
const LAST_YEAR = 2099;

export function normalizeIseeProtocol(input: string): string {
  return input.replace(/\s+/g, '').toUpperCase();
}

export function isValidIseeProtocol(input: string): boolean {
  return iseeProtocolProblem(input) === null;
}

/** A short English reason why the input is not an ISEE attestation protocol, or null. */
export function iseeProtocolProblem(input: string): string | null {
  const match = PROTOCOL.exec(normalizeIseeProtocol(input));
  if (match === null) return 'bad format, expected INPS-ISEE-YYYY-XXXXXXXXX-NN';
  const year = Number(match[1]);
  if (year < FIRST_YEAR || year > LAST_YEAR) return `implausible year, expected ${FIRST_YEAR}-${LAST_YEAR}`;
  return null;
}

/**
 * Last day (YYYY-MM-DD, inclusive) on which an attestation is valid, given the date its
 * validity runs from (the DSU submission date shown on the attestation).
 *
 * - ordinario, minorenni, sociosanitario: 31 December of that year.
 * - corrente: six months, counting the issue day as the first day, so validity ends the
 *   day before the same calendar day six months later (10 Jan -> 9 Jul). When that day
 *   does not exist in the target month (31 Aug -> "31 Feb") it rolls over to the 1st of
 *   the following month, so validity ends on the last day of the target month: the
 *   reading that never shortens the applicant's six months.
 *
 * Throws a RangeError when `issuedOn` is not a real calendar date or the type is unknown.
 */
export function iseeExpiry(type: IseeType, issuedOn: string): string {
  const { year, month, day } = parseDate(issuedOn);
  switch (type) {
    case 'ordinario':
    case 'minorenni':
    case 'sociosanitario':
      return formatDate(year, 12, 31);
    case 'corrente': {
      const targetYear = year + Math.floor((month + 5) / 12);
      const targetMonth = ((month + 5) % 12) + 1;
      const targetLength = daysInMonth(targetYear, targetMonth);
      if (day > targetLength) return formatDate(targetYear, targetMonth, targetLength);
      if (day > 1) return formatDate(targetYear, targetMonth, day - 1);
      const previousYear = targetMonth === 1 ? targetYear - 1 : targetYear;
      const previousMonth = targetMonth === 1 ? 12 : targetMonth - 1;
      return formatDate(previousYear, previousMonth, daysInMonth(previousYear, previousMonth));
    }
    default:
      throw new RangeError(`Unknown ISEE type: ${String(type)}`);
  }
}

function parseDate(value: string): { year: number; month: number; day: number } {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (match !== null) {
    const [year, month, day] = match.slice(1).map(Number);
    if (month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month)) return { year, month, day };
  }
  throw new RangeError(`Not a calendar date (YYYY-MM-DD): ${value}`);
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function formatDate(year: number, month: number, day: number): string {
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}
