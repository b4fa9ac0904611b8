import type { MeasureDefinition } from '../measure-definition.js';
import { DOCUMENT_TYPES, SCHEMA_DIALECT, date, fiscalCode, iban, iseeFields, istatCode } from './form-fields.js';

/**
 * Misura B2, severe disability (disabilità grave), FNA 2025, as noticed by one Ambito: each
 * Ambito publishes its own call within DGR XII/3719/2024 and ranks its applicants. Seregno
 * (ATS Brianza; window 3 April 12:00 - 15 May 2025 12:00) pays a fixed 100 EUR/month to a
 * family caregiver and up to 800 EUR/month for a regularly employed assistant; the maximum
 * is used here, the Ambito may grade it by contract hours.
 * The Ambito code follows the territory table (AMB-<ATS code>-<name>) and must match it.
 */
const AMBITO_CODE = 'AMB-324-SEREGNO';

export const B2_FNA_2025_SEREGNO: MeasureDefinition = {
  formatVersion: 1,
  code: 'B2-FNA-2025-SEREGNO',
  title: {
    it: 'Misura B2 – Disabilità grave (FNA 2025), Ambito di Seregno',
    en: 'Measure B2 – Severe disability (FNA 2025), Seregno district',
  },
  description: {
    it: 'Buono sociale mensile per 12 mesi al caregiver familiare o per l’assistente personale assunto, per persone con disabilità grave residenti nell’Ambito; graduatoria per ISEE crescente.',
    en: 'Monthly allowance for 12 months to the family caregiver or for an employed personal assistant, for people with severe disability living in the district; ranked by ascending ISEE.',
  },
  legalBasis: [
    {
      citation: 'DGR XII/3719/2024',
      title: {
        it: 'Programma operativo regionale FNA 2024, esercizio 2025',
        en: 'Regional FNA 2024 programme, 2025 exercise',
      },
    },
    {
      citation: 'L. 104/1992 art. 3 c. 3',
      title: { it: 'Handicap in situazione di gravità', en: 'Severe handicap status' },
    },
    {
      citation: 'Avviso Misura B2 FNA 2025, Ambito di Seregno',
      title: { it: 'Avviso pubblico dell’Ambito', en: 'District public notice' },
    },
  ],
  managingBody: { it: 'Ufficio di Piano dell’Ambito di Seregno', en: 'Seregno district social-plan office' },
  procedure: { type: 'graduatoria', deadlineDays: 30 },
  budget: {
    kind: 'money',
    totalCents: 60_000_000,
    figure: 'demo',
    note: {
      it: 'Cifra dimostrativa: la quota dell’Ambito non è riportata nelle fonti.',
      en: 'Demo figure: the district’s share is not in the sources.',
    },
  },
  eligibility: [
    {
      id: 'severe-disability',
      kind: 'requirement',
      text: {
        it: 'La persona è in condizione di gravità (L. 104/1992 art. 3 c. 3) oppure percepisce l’indennità di accompagnamento.',
        en: 'The person has severe handicap status (L. 104/1992 art. 3 c. 3) or receives the care allowance.',
      },
      expression: {
        or: [{ '==': [{ var: 'law104Art3Comma3' }, true] }, { '==': [{ var: 'receivesCareAllowance' }, true] }],
      },
    },
    {
      id: 'resident-in-ambito',
      kind: 'requirement',
      text: {
        it: 'La persona risiede in un Comune dell’Ambito di Seregno.',
        en: 'The person lives in a municipality of the Seregno district.',
      },
      expression: {
        and: [{ '==': [{ var: 'residentInLombardy' }, true] }, { '==': [{ var: 'residenceAmbitoCode' }, AMBITO_CODE] }],
      },
    },
    {
      id: 'isee-threshold',
      kind: 'requirement',
      text: {
        it: 'ISEE sociosanitario fino a 25.000,00 euro per gli adulti; ISEE ordinario fino a 40.000,00 euro per i minori.',
        en: 'ISEE sociosanitario up to 25,000.00 EUR for adults; ordinary ISEE up to 40,000.00 EUR for minors.',
      },
      expression: {
        if: [
          { '>=': [{ var: 'beneficiaryAgeYears' }, 18] },
          {
            and: [{ '==': [{ var: 'iseeType' }, 'sociosanitario'] }, { '<=': [{ var: 'iseeValueCents' }, 2_500_000] }],
          },
          { and: [{ '==': [{ var: 'iseeType' }, 'ordinario'] }, { '<=': [{ var: 'iseeValueCents' }, 4_000_000] }] },
        ],
      },
    },
  ],
  benefit: {
    type: 'monthly',
    monthly: {
      op: 'table',
      fact: 'careArrangement',
      label: { it: 'buono per', en: 'allowance for' },
      cases: {
        family_caregiver: { cents: 10_000, label: { it: 'caregiver familiare', en: 'family caregiver' } },
        employed_assistant: {
          cents: 80_000,
          label: {
            it: 'assistente personale assunto (importo massimo)',
            en: 'employed personal assistant (maximum amount)',
          },
        },
      },
    },
    months: { fixed: 12 },
  },
  ranking: {
    keys: [{ fact: 'iseeValueCents', direction: 'asc', label: { it: 'ISEE crescente', en: 'ISEE, lowest first' } }],
    tieBreaker: 'protocol_order',
  },
  incompatibilities: [
    {
      measureCodes: ['B1-FNA-2025'],
      scope: 'same_beneficiary_same_year',
      reason: {
        it: 'B1 e B2 non sono cumulabili per la stessa persona nello stesso anno.',
        en: 'B1 and B2 cannot be combined for the same person in the same year.',
      },
    },
  ],
  requiredDocuments: [
    {
      id: 'disability-report',
      name: {
        it: 'Verbale L. 104/1992 art. 3 c. 3 o verbale di invalidità con indennità di accompagnamento',
        en: 'L. 104/1992 art. 3 c. 3 report or invalidity report granting the care allowance',
      },
      mediaTypes: DOCUMENT_TYPES,
    },
    {
      id: 'employment-contract',
      name: {
        it: 'Contratto di lavoro dell’assistente personale',
        en: 'Employment contract of the personal assistant',
      },
      when: { '==': [{ var: 'careArrangement' }, 'employed_assistant'] },
      mediaTypes: DOCUMENT_TYPES,
    },
  ],
  sealed: false,
  revealsHealthOrHardship: true,
  beneficiaryFiscalCodeField: 'beneficiaryFiscalCode',
  formSchema: {
    $schema: SCHEMA_DIALECT,
    type: 'object',
    additionalProperties: false,
    required: [
      'applicantRole',
      'beneficiaryFiscalCode',
      'beneficiaryBirthDate',
      'residenceIstatCode',
      'law104Art3Comma3',
      'receivesCareAllowance',
      'iseeType',
      'iseeValue',
      'iseeProtocol',
      'careArrangement',
      'iban',
    ],
    properties: {
      applicantRole: {
        type: 'string',
        title: 'Chi presenta la domanda',
        enum: ['beneficiary', 'family_member', 'legal_representative'],
      },
      beneficiaryFiscalCode: fiscalCode('Codice fiscale della persona con disabilità'),
      beneficiaryBirthDate: date('Data di nascita della persona con disabilità'),
      residenceIstatCode: istatCode,
      law104Art3Comma3: { type: 'boolean', title: 'Riconoscimento L. 104/1992 art. 3 comma 3' },
      receivesCareAllowance: { type: 'boolean', title: 'Percepisce l’indennità di accompagnamento' },
      ...iseeFields(['ordinario', 'sociosanitario']),
      careArrangement: {
        type: 'string',
        title: 'Assistenza prestata da',
        enum: ['family_caregiver', 'employed_assistant'],
      },
      iban,
    },
  },
  sources: [
    {
      title: 'Ambito di Seregno, Misura B2 FNA 2025 (importi e finestra)',
      url: 'https://www.servizisocialinrete.it/news.php?id=647',
    },
    {
      title: 'Fidaldo, Lombardia: Misura B1 e Misura B2 (soglie e importi 2025)',
      url: 'https://www.fidaldo.it/?p=597',
    },
  ],
};
