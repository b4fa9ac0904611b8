import PDFDocument from 'pdfkit';
import type { ReceiptDto } from '../intake/intake.dto.js';
import type { DocumentHash } from './documents.service.js';

export interface ReceiptPdfInput {
  receipt: ReceiptDto;
  measureTitle: { it: string; en: string };
  documents: DocumentHash[];
  /** When the PDF is produced (the document's creation date). */
  generatedAt: Date;
}

const romeDateTime = (at: Date) =>
  new Intl.DateTimeFormat('it-IT', {
    timeZone: 'Europe/Rome',
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    fractionalSecondDigits: 3,
    hour12: false,
    timeZoneName: 'short',
  }).format(at);

const italianDate = (isoDate: string) => isoDate.split('-').reverse().join('/');

/**
 * The art. 18-bis receipt as a PDF (A4, standard Helvetica, uncompressed so its text can be
 * checked and archived as is): Italian first, English beside it.
 */
export function renderReceiptPdf({ receipt, measureTitle, documents, generatedAt }: ReceiptPdfInput): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margin: 56,
    compress: false,
    info: {
      Title: `Ricevuta ${receipt.protocolNumber}`,
      Subject: 'Ricevuta di presentazione (art. 18-bis L. 241/1990)',
      Creator: 'Sportello',
      CreationDate: generatedAt,
    },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  doc.font('Helvetica-Bold').fontSize(16).text('Ricevuta di presentazione (art. 18-bis L. 241/1990)');
  doc
    .font('Helvetica-Oblique')
    .fontSize(10)
    .fillColor('#444')
    .text('Receipt of submission (art. 18-bis, Law 241/1990)');
  doc.moveDown(1.2).fillColor('#000');

  const row = (it: string, en: string, value: string) => {
    doc.font('Helvetica-Bold').fontSize(10).text(`${it} / `, { continued: true }).font('Helvetica-Oblique').text(en);
    doc.font('Helvetica').fontSize(11).text(value).moveDown(0.5);
  };
  const receivedAt = new Date(receipt.receivedAt);
  row('Numero di protocollo', 'Protocol number', receipt.protocolNumber);
  row(
    'Data e ora di ricevimento (Europe/Rome)',
    'Date and time of receipt',
    `${romeDateTime(receivedAt)}  (UTC ${receipt.receivedAt})`,
  );
  row(
    'Misura',
    'Measure',
    `${receipt.measureCode} (versione ${receipt.measureVersion}) - ${measureTitle.it}\n${measureTitle.en}`,
  );
  row('Ufficio competente', 'Office in charge', `${receipt.office.it}\n${receipt.office.en}`);
  row(
    'Responsabile del procedimento',
    'Officer in charge',
    receipt.officerInCharge ?? 'non ancora assegnato / not yet assigned',
  );
  row(
    'Termine di conclusione del procedimento',
    'Deadline for the decision',
    `${italianDate(receipt.deadlineDate)} (${receipt.deadlineDays} giorni dal ricevimento, salvo sospensioni / days from receipt, unless suspended)`,
  );

  doc
    .moveDown(0.5)
    .font('Helvetica-Bold')
    .fontSize(10)
    .text('Documenti allegati (impronta SHA-256) / ', { continued: true })
    .font('Helvetica-Oblique')
    .text('Attached documents (SHA-256 digest)');
  doc.moveDown(0.3);
  if (documents.length === 0) {
    doc.font('Helvetica').fontSize(10).text('Nessun documento allegato / No documents attached');
  }
  for (const d of documents) {
    doc.font('Helvetica').fontSize(9).text(`${d.requiredDocumentId} - ${d.mediaType}, ${d.size} byte`);
    doc.font('Courier').fontSize(8).text(d.sha256).moveDown(0.3);
  }

  doc
    .moveDown(1)
    .font('Helvetica-Oblique')
    .fontSize(8)
    .fillColor('#444')
    .text(
      `Domanda / Application ${receipt.applicationId}. Ricevuta generata il / Receipt generated on ${romeDateTime(generatedAt)}. ` +
        'La presente ricevuta attesta la data di presentazione e vale come comunicazione di avvio del procedimento (art. 8 L. 241/1990).',
    );
  doc.end();
  return done;
}
