import PDFDocument from 'pdfkit';
import { csvLine } from '../../../../common/csv/csv.js';
import { formatCents } from '../../../measures/domain/money.js';
import type { RankingDto, RankingEntryDto } from '../../../applications/rankings/rankings.dto.js';

/**
 * The published graduatoria as the manager downloads it: what the frozen list holds (position, protocol number,
 * outcome, amount, quota, the criteria values), no name nor any other personal data.
 */

const OUTCOME: Readonly<Record<string, string>> = {
  funded: 'finanziata / funded',
  waitlisted: "in lista d'attesa / waiting list",
  not_admitted: 'non ammessa / not admitted',
};

/** A criterion's value as written in the list: facts are scalars; anything else is shown as JSON. */
export const criterionValue = (value: unknown): string =>
  value === null || value === undefined
    ? ''
    : typeof value === 'object'
      ? JSON.stringify(value)
      : `${value as string | number | boolean}`;

const criteriaOf = (e: RankingEntryDto) =>
  Object.entries(e.sortKeys)
    .map(([fact, value]) => `${fact}=${criterionValue(value)}`)
    .join('; ');

/** CSV (RFC 4180, CRLF), text cells neutralised against formula injection (auditor/csv.ts). */
export function rankingCsv(r: RankingDto): string {
  const header = csvLine([
    'posizione',
    'protocollo',
    'esito',
    r.unit === 'cents' ? 'importo_centesimi' : 'unita',
    'quota',
    'criteri',
  ]);
  return (
    header +
    r.entries.map((e) => csvLine([e.position, e.protocolNumber, e.status, e.amount, e.quota, criteriaOf(e)])).join('')
  );
}

const amountText = (unit: string, amount: number | null) =>
  amount === null ? '' : unit === 'cents' ? formatCents(amount, 'it') : String(amount);

const romeDateTime = (at: Date) =>
  new Intl.DateTimeFormat('it-IT', { timeZone: 'Europe/Rome', dateStyle: 'long', timeStyle: 'short' }).format(at);

/** The list as a PDF (A4, standard Helvetica, uncompressed as the receipt: its text can be checked). */
export function renderRankingPdf(
  r: RankingDto,
  measureTitle: { it: string; en: string },
  generatedAt: Date,
): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margin: 48,
    compress: false,
    info: { Title: `Graduatoria ${r.measureCode}`, Creator: 'Sportello', CreationDate: generatedAt },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.font('Helvetica-Bold').fontSize(15).text(`Graduatoria - ${measureTitle.it}`);
  doc.font('Helvetica-Oblique').fontSize(10).fillColor('#444').text(`Ranking - ${measureTitle.en}`);
  doc.moveDown(0.8).fillColor('#000').font('Helvetica').fontSize(10);
  doc.text(`Pubblicata il / published on: ${romeDateTime(new Date(r.publishedAt))}`);
  doc.text(`Fondi disponibili / funds available: ${amountText(r.unit, r.available)}`);
  doc.text(
    `Domande / applications: ${r.population} - finanziate / funded ${r.funded}, in attesa / waiting ${r.waitlisted}, non ammesse / not admitted ${r.notAdmitted}`,
  );
  doc.moveDown(0.8);
  const columns = [48, 110, 215, 355, 450];
  const row = (cells: readonly string[], bold = false) => {
    const y = doc.y;
    doc.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(9);
    cells.forEach((cell, i) => doc.text(cell, columns[i], y, { width: (columns[i + 1] ?? 547) - columns[i] - 6 }));
    doc.x = columns[0];
    doc.moveDown(0.3);
  };
  row(['Pos.', 'Protocollo / protocol', 'Esito / outcome', 'Importo / amount', 'Criteri / criteria'], true);
  for (const e of r.entries) {
    if (doc.y > 780) doc.addPage();
    row([
      e.position === null ? '-' : String(e.position),
      e.protocolNumber,
      OUTCOME[e.status] ?? e.status,
      amountText(r.unit, e.amount),
      [criteriaOf(e), e.quota ? `quota ${e.quota}` : ''].filter(Boolean).join(' - '),
    ]);
  }
  doc.end();
  return done;
}
