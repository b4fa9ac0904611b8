/**
 * Protocol numbers (DPR 445/2000 art. 57): at least 7 digits, restarting at 1 every calendar
 * year, assigned automatically and never edited: "2026-0000123".
 */
export function formatProtocolNumber(year: number, seq: number): string {
  if (!Number.isInteger(seq) || seq < 1) throw new RangeError('protocol sequence starts at 1');
  return `${year}-${String(seq).padStart(7, '0')}`;
}

export function parseProtocolNumber(value: string): { year: number; seq: number } | null {
  const match = /^(\d{4})-(\d{7,})$/.exec(value);
  return match ? { year: Number(match[1]), seq: Number(match[2]) } : null;
}
