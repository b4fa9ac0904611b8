const ROME_DATE = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Rome',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/**
 * The civil date in Italy of an instant, YYYY-MM-DD: 23:30 UTC on 31 December is already
 * 1 January in Rome. Legal dates (receipt, validity of a territorial change) are Italian dates.
 */
export function romeDate(instant: Date): string {
  const parts = Object.fromEntries(ROME_DATE.formatToParts(instant).map((part) => [part.type, part.value]));
  return `${parts['year']}-${parts['month']}-${parts['day']}`;
}
