/** A brand-new measure as an administrator writes it through the admin API (test fixtures). */
export const i18n = (it: string, en: string) => ({ it, en });

/** A brand-new one-off grant, written as an administrator would, with two rules and a form. */
export const newGrant = (code = 'CONTRIBUTO-TEST-2026', overrides: Record<string, unknown> = {}) => ({
  formatVersion: 1,
  code,
  title: i18n('Contributo straordinario di prova', 'Extraordinary test grant'),
  description: i18n(
    'Contributo una tantum di 300 euro ai residenti in Lombardia con ISEE fino a 15.000 euro.',
    'One-off 300 EUR grant to Lombardy residents with an ISEE up to 15,000 EUR.',
  ),
  legalBasis: [{ citation: 'DGR XII/9999/2026', title: i18n('Atto di prova', 'Test act') }],
  managingBody: i18n('Regione Lombardia', 'Lombardy Region'),
  procedure: { type: 'a_sportello', deadlineDays: 30 },
  budget: { kind: 'money', totalCents: 3_000_000, figure: 'demo', note: i18n('Dotazione di prova.', 'Test budget.') },
  eligibility: [
    {
      id: 'resident-in-lombardy',
      kind: 'requirement',
      text: i18n('Il richiedente risiede in Lombardia.', 'The applicant lives in Lombardy.'),
      expression: { '==': [{ var: 'residentInLombardy' }, true] },
    },
    {
      id: 'isee-threshold',
      kind: 'requirement',
      text: i18n("L'ISEE non supera 15.000,00 euro.", 'The ISEE is at most 15,000.00 EUR.'),
      expression: { '<=': [{ var: 'iseeValueCents' }, 1_500_000] },
    },
  ],
  benefit: { type: 'one_off', amount: { op: 'constant', cents: 30_000, label: i18n('importo fisso', 'fixed amount') } },
  ranking: null,
  incompatibilities: [],
  requiredDocuments: [
    {
      id: 'identity-document',
      name: i18n("Documento d'identità", 'Identity document'),
      mediaTypes: ['application/pdf'],
    },
  ],
  formSchema: {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    type: 'object',
    additionalProperties: false,
    required: ['beneficiaryFiscalCode', 'residenceIstatCode', 'iseeType', 'iseeValue'],
    properties: {
      beneficiaryFiscalCode: { type: 'string', pattern: '^[A-Z0-9]{16}$' },
      residenceIstatCode: { type: 'string', pattern: '^[0-9]{6}$' },
      iseeType: { type: 'string', enum: ['ordinario'] },
      iseeValue: { type: 'string', maxLength: 20 },
    },
  },
  beneficiaryFiscalCodeField: 'beneficiaryFiscalCode',
  sealed: false,
  sources: [{ title: 'Atto di prova', url: 'https://www.regione.lombardia.it/' }],
  ...overrides,
});

export const ISEE_ASCENDING = {
  keys: [{ fact: 'iseeValueCents', direction: 'asc', label: i18n('ISEE crescente', 'ISEE, lowest first') }],
  tieBreaker: 'protocol_order',
};

/** The same grant on a graduatoria ranked by ISEE (lowest first), with no documents to attach. */
export const rankedGrant = (code: string, overrides: Record<string, unknown> = {}) =>
  newGrant(code, {
    procedure: { type: 'graduatoria', deadlineDays: 30 },
    ranking: ISEE_ASCENDING,
    requiredDocuments: [],
    ...overrides,
  });

export const content = (definition: Record<string, unknown> = newGrant()) => ({
  definition,
  window: { opensAt: '2026-02-01T09:00:00+01:00', closesAt: '2026-06-30T12:00:00+02:00' },
  managingBody: { kind: 'REGION', code: null },
  territorialScope: { atsCodes: [], ambitoCodes: [] },
  quotas: [{ kind: 'ATS', code: '326', amount: 1_000_000 }],
});
