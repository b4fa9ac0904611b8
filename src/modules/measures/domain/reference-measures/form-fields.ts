import type { Expression } from '../expression.js';
import type { I18nText, RequiredDocument } from '../measure-definition.js';

/**
 * JSON Schema fragments shared by the reference forms. Money typed by people is collected in
 * cents by the form layer (the UI shows euros), except the ISEE value, which is copied as
 * printed on the INPS attestation and normalised by deriveFacts.
 */
export const SCHEMA_DIALECT = 'https://json-schema.org/draft/2020-12/schema';

export const DOCUMENT_TYPES = ['application/pdf', 'image/jpeg', 'image/png'] as const;

export const fiscalCode = (title: string) => ({
  type: 'string',
  title,
  // Omocodia letters (LMNPQRSTUV) may replace digits; the check letter is verified elsewhere.
  pattern: '^[A-Z]{6}[0-9LMNPQRSTUV]{2}[A-Z][0-9LMNPQRSTUV]{2}[A-Z][0-9LMNPQRSTUV]{3}[A-Z]$',
});

export const date = (title: string) => ({ type: 'string', format: 'date', title });

export const istatCode = {
  type: 'string',
  title: 'Comune di residenza (codice ISTAT)',
  pattern: '^[0-9]{6}$',
};

export const iseeFields = (allowedTypes: readonly string[]) => ({
  iseeType: { type: 'string', title: 'Tipo di ISEE', enum: allowedTypes },
  iseeValue: {
    type: 'string',
    title: 'Valore ISEE in euro (come da attestazione)',
    pattern: '^[0-9]{1,3}(\\.[0-9]{3})*(,[0-9]{1,2})?$|^[0-9]+([.,][0-9]{1,2})?$',
  },
  iseeProtocol: { type: 'string', title: 'Protocollo attestazione', pattern: '^INPS-ISEE-[0-9]{4}-[0-9]{9}-[0-9]{2}$' },
});

export const iban = {
  type: 'string',
  title: 'IBAN per l’accredito',
  pattern: '^IT[0-9]{2}[A-Z][0-9]{10}[0-9A-Z]{12}$',
};

export const cents = (title: string) => ({ type: 'integer', minimum: 0, title: `${title} (centesimi)` });

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

/** `whom` completes the titles: "della persona con disabilità", "dell’orfano". */
export const beneficiaryFields = (whom: string) => ({
  beneficiaryFiscalCode: fiscalCode(`Codice fiscale ${whom}`),
  beneficiaryBirthDate: date(`Data di nascita ${whom}`),
  residenceIstatCode: istatCode,
});
