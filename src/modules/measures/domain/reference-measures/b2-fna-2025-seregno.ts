import type { MeasureDefinition } from '../measure-definition.js';
import {
  applicantRole,
  BENEFICIARY_REQUIRED,
  beneficiaryFields,
  en,
  formSchema,
  iban,
  iseeFields,
  requiredDocument,
} from './form-fields.js';
import {
  FAMILY_CAREGIVER_LABEL,
  b1AndB2Exclusive,
  factIs,
  fnaIseeByAge,
  fnaMonthlyAllowance,
} from './eligibility-rules.js';

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
        and: [factIs('residentInLombardy', true), factIs('residenceAmbitoCode', AMBITO_CODE)],
      },
    },
    fnaIseeByAge({ adultCents: 2_500_000, minorCents: 4_000_000 }),
  ],
  benefit: fnaMonthlyAllowance({
    family_caregiver: { cents: 10_000, label: FAMILY_CAREGIVER_LABEL },
    employed_assistant: {
      cents: 80_000,
      label: {
        it: 'assistente personale assunto (importo massimo)',
        en: 'employed personal assistant (maximum amount)',
      },
    },
  }),
  ranking: {
    keys: [{ fact: 'iseeValueCents', direction: 'asc', label: { it: 'ISEE crescente', en: 'ISEE, lowest first' } }],
    tieBreaker: 'protocol_order',
  },
  incompatibilities: [b1AndB2Exclusive('B1-FNA-2025')],
  requiredDocuments: [
    requiredDocument('disability-report', {
      it: 'Verbale L. 104/1992 art. 3 c. 3 o verbale di invalidità con indennità di accompagnamento',
      en: 'L. 104/1992 art. 3 c. 3 report or invalidity report granting the care allowance',
    }),
    requiredDocument(
      'employment-contract',
      { it: 'Contratto di lavoro dell’assistente personale', en: 'Employment contract of the personal assistant' },
      { '==': [{ var: 'careArrangement' }, 'employed_assistant'] },
    ),
  ],
  sealed: false,
  revealsHealthOrHardship: true,
  beneficiaryFiscalCodeField: 'beneficiaryFiscalCode',
  formSchema: formSchema({
    required: [
      'applicantRole',
      ...BENEFICIARY_REQUIRED,
      'law104Art3Comma3',
      'receivesCareAllowance',
      'iseeType',
      'iseeValue',
      'iseeProtocol',
      'careArrangement',
      'iban',
    ],
    properties: {
      applicantRole: applicantRole(['beneficiary', 'family_member', 'legal_representative']),
      ...beneficiaryFields('della persona con disabilità', 'of the person with a disability'),
      law104Art3Comma3: {
        type: 'boolean',
        title: 'Riconoscimento L. 104/1992 art. 3 comma 3',
        ...en('Recognition under L. 104/1992 art. 3 comma 3'),
      },
      receivesCareAllowance: {
        type: 'boolean',
        title: 'Percepisce l’indennità di accompagnamento',
        ...en('Receives the attendance allowance (indennità di accompagnamento)'),
      },
      ...iseeFields(['ordinario', 'sociosanitario']),
      careArrangement: {
        type: 'string',
        title: 'Assistenza prestata da',
        ...en('Care provided by'),
        enum: ['family_caregiver', 'employed_assistant'],
      },
      iban,
    },
  }),
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
