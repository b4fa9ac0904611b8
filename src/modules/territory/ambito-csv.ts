/**
 * The CSV an ADMIN uploads to change the Ambito map: a header line `istatCode,ambitoCode`
 * (`,` or `;`), then one municipality per line; an empty ambitoCode clears the assignment.
 * Blank lines are skipped. Parsing is all-or-nothing: every bad line is reported.
 */

export interface AmbitoCsvRow {
  /** 1-based line number in the file. */
  line: number;
  istatCode: string;
  ambitoCode: string | null;
}

export interface AmbitoCsvProblem {
  line: number;
  message: string;
}

const ISTAT = /^\d{6}$/;
const AMBITO = /^[A-Z0-9-]{2,64}$/;
const unquote = (cell: string) =>
  cell
    .trim()
    .replace(/^"(.*)"$/, '$1')
    .trim();

export function parseAmbitoCsv(text: string): { rows: AmbitoCsvRow[]; problems: AmbitoCsvProblem[] } {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const rows: AmbitoCsvRow[] = [];
  const problems: AmbitoCsvProblem[] = [];
  const headerAt = lines.findIndex((l) => l.trim() !== '');
  if (headerAt < 0) return { rows, problems: [{ line: 1, message: 'the file is empty' }] };
  const separator = lines[headerAt].includes(';') ? ';' : ',';
  const header = lines[headerAt].split(separator).map((c) => unquote(c).toLowerCase());
  if (header.length !== 2 || header[0] !== 'istatcode' || header[1] !== 'ambitocode') {
    return { rows, problems: [{ line: headerAt + 1, message: 'the header must be istatCode,ambitoCode' }] };
  }
  const seen = new Map<string, number>();
  lines.forEach((raw, i) => {
    const line = i + 1;
    if (i <= headerAt || raw.trim() === '') return;
    const cells = raw.split(separator).map(unquote);
    if (cells.length !== 2) return problems.push({ line, message: 'expected 2 columns: istatCode,ambitoCode' });
    const [istatCode, ambito] = cells;
    if (!ISTAT.test(istatCode)) return problems.push({ line, message: 'istatCode must be a 6-digit ISTAT code' });
    const ambitoCode = ambito === '' ? null : ambito.toUpperCase();
    if (ambitoCode !== null && !AMBITO.test(ambitoCode)) {
      return problems.push({ line, message: 'ambitoCode must be an Ambito code or empty' });
    }
    const first = seen.get(istatCode);
    if (first !== undefined) {
      return problems.push({ line, message: `municipality ${istatCode} already on line ${first}` });
    }
    seen.set(istatCode, line);
    rows.push({ line, istatCode, ambitoCode });
  });
  if (!problems.length && !rows.length) problems.push({ line: headerAt + 1, message: 'no municipality in the file' });
  return { rows, problems };
}
