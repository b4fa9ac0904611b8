import type { Expression } from '../expression.js';
import type { I18nText, RequiredDocument } from '../measure-definition.js';

/**
 * JSON Schema fragments shared by the reference forms. Money typed by people is collected in
 * cents by the form layer (the UI shows euros), except the ISEE value, which is copied as
 * printed on the INPS attestation and normalised by deriveFacts.
 */
export const SCHEMA_DIALECT = 'https://json-schema.org/draft/2020-12/schema';

export const DOCUMENT_TYPES = ['application/pdf', 'image/jpeg', 'image/png'] as const;

/**
 * The English texts of a form field: the `x-en` annotation (docs/measures.md), read by the
 * portal for English visitors; `title`/`description` stay the Italian ones.
 */
export const en = (title: string, description?: string) => ({
  'x-en': description ? { title, description } : { title },
});

export const fiscalCode = (title: string, titleEn: string) => ({
  type: 'string',
  title,
  ...en(titleEn),
  // Omocodia letters (LMNPQRSTUV) may replace digits; the check letter is verified elsewhere.
  pattern: '^[A-Z]{6}[0-9LMNPQRSTUV]{2}[A-Z][0-9LMNPQRSTUV]{2}[A-Z][0-9LMNPQRSTUV]{3}[A-Z]$',
});

export const date = (title: string, titleEn: string) => ({ type: 'string', format: 'date', title, ...en(titleEn) });

export const istatCode = {
  type: 'string',
  title: 'Comune di residenza (codice ISTAT)',
  ...en('Municipality of residence (ISTAT code)'),
  pattern: '^[0-9]{6}$',
};

export const iseeFields = (allowedTypes: readonly string[]) => ({
  iseeType: { type: 'string', title: 'Tipo di ISEE', ...en('ISEE type'), enum: allowedTypes },
  iseeValue: {
    type: 'string',
    title: 'Valore ISEE in euro (come da attestazione)',
    ...en('ISEE value in euro (as on the attestation)'),
    pattern: '^[0-9]{1,3}(\\.[0-9]{3})*(,[0-9]{1,2})?$|^[0-9]+([.,][0-9]{1,2})?$',
  },
  iseeProtocol: {
    type: 'string',
    title: 'Protocollo attestazione',
    ...en('Attestation protocol number'),
    pattern: '^INPS-ISEE-[0-9]{4}-[0-9]{9}-[0-9]{2}$',
  },
});

export const iban = {
  type: 'string',
  title: 'IBAN per l’accredito',
  ...en('IBAN for the payment'),
  pattern: '^IT[0-9]{2}[A-Z][0-9]{10}[0-9A-Z]{12}$',
};

/** The cents note is on the Italian title only: the portal recognises money by it (field-kind.ts). */
export const cents = (title: string, titleEn: string) => ({
  type: 'integer',
  minimum: 0,
  title: `${title} (centesimi)`,
  ...en(titleEn),
});

/** "if field == value then these fields are required" for conditional form sections. */
export const requiredWhen = (field: string, value: string | readonly string[], required: readonly string[]) => ({
  if: {
    properties: { [field]: typeof value === 'string' ? { const: value } : { enum: value } },
    required: [field],
  },
  then: { required },
});

/** Who fills in the form, as each measure names the roles. */
export const applicantRole = (roles: readonly string[]) => ({
  type: 'string',
  title: 'Chi presenta la domanda',
  ...en('Who is applying'),
  enum: roles,
});

/** A closed form: only the listed fields, the required ones named, conditional sections in allOf. */
export const formSchema = (schema: {
  required: readonly string[];
  properties: Record<string, unknown>;
  allOf?: readonly unknown[];
}) => ({
  $schema: SCHEMA_DIALECT,
  type: 'object',
  additionalProperties: false,
  required: schema.required,
  properties: schema.properties,
  ...(schema.allOf ? { allOf: schema.allOf } : {}),
});

/** A document to upload, in any of the accepted formats; `when` limits it to some answers. */
export const requiredDocument = (id: string, name: I18nText, when?: Expression): RequiredDocument => ({
  id,
  name,
  ...(when ? { when } : {}),
  mediaTypes: DOCUMENT_TYPES,
});

/**
 * The person the benefit is for, when the form names them `beneficiary…`: identity, birth date
 * (for age rules) and the municipality of residence (for the territory rules).
 */
export const BENEFICIARY_REQUIRED = ['beneficiaryFiscalCode', 'beneficiaryBirthDate', 'residenceIstatCode'] as const;

/** `whom` completes the titles: "della persona con disabilità" / "of the person with a disability". */
export const beneficiaryFields = (whom: string, whomEn: string) => ({
  beneficiaryFiscalCode: fiscalCode(`Codice fiscale ${whom}`, `Fiscal code ${whomEn}`),
  beneficiaryBirthDate: date(`Data di nascita ${whom}`, `Date of birth ${whomEn}`),
  residenceIstatCode: istatCode,
});
