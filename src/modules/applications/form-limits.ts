import { AppError } from '../../common/errors/app-error.js';
import type { MeasureDefinition } from '../measures/domain/index.js';

/** Fields the server writes into the form data at submission (withServerFacts): never the applicant's to change. */
const SERVER_SET_FIELDS = ['submitterRole'] as const;

/** Fields that bind the case to its territory (the office handling it was chosen from them). */
const TERRITORY_FIELDS = ['residenceIstatCode', 'province'];

/** Form fields an integration answer may not change: the beneficiary's identity, the territory, server-set facts. */
export const protectedFields = (def: Pick<MeasureDefinition, 'beneficiaryFiscalCodeField'>): string[] => [
  def.beneficiaryFiscalCodeField,
  ...TERRITORY_FIELDS,
  ...SERVER_SET_FIELDS,
];

/** The form data as stored, in bytes of JSON. */
export const dataBytes = (data: Record<string, unknown>) => Buffer.byteLength(JSON.stringify(data), 'utf8');

/** Form data beyond the configured size (APPLICATION_DRAFT_MAX_BYTES) is refused with 413 naming `data`. */
export function assertDataSize(data: Record<string, unknown>, maxBytes: number): void {
  const bytes = dataBytes(data);
  if (bytes <= maxBytes) return;
  throw new AppError(
    'APPLICATION_DRAFT_TOO_LARGE',
    {
      it: `I dati del modulo superano il limite di ${maxBytes} byte (${bytes}).`,
      en: `The form data exceed the limit of ${maxBytes} bytes (${bytes}).`,
    },
    { errors: [{ field: 'data', messages: [`at most ${maxBytes} bytes of JSON`] }] },
  );
}
