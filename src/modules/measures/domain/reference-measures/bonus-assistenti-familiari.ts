import type { MeasureDefinition } from '../measure-definition.js';
import {
  applicantRole,
  cents,
  date,
  en,
  fiscalCode,
  formSchema,
  iban,
  iseeFields,
  requiredDocument,
} from './form-fields.js';
import { iseeAtMost } from './eligibility-rules.js';

/**
 * Bonus assistenti familiari (L.R. 15/2015): partial refund of what the employer of a home
 * carer (assistente familiare, "badante") enrolled in a territorial register paid. 60 % of
 * the declared cost, at most 2,400 EUR with ISEE up to 25,000 and 2,000 EUR up to 35,000.
 * The applicant is whoever holds the employment contract; the ISEE is that of the assisted
 * person, or of the family member who employs the carer.
 */
export const BONUS_ASSISTENTI_FAMILIARI: MeasureDefinition = {
  formatVersion: 1,
  code: 'BONUS-ASSISTENTI-FAMILIARI',
  title: { it: 'Bonus assistenti familiari', en: 'Home-carer employer bonus' },
  description: {
    it: 'Rimborso del 60% delle spese sostenute per un assistente familiare iscritto al registro territoriale, fino a 2.400 euro (ISEE fino a 25.000) o 2.000 euro (ISEE fino a 35.000).',
    en: 'Refund of 60% of the cost of a home carer enrolled in a territorial register, up to 2,400 EUR (ISEE up to 25,000) or 2,000 EUR (ISEE up to 35,000).',
  },
  legalBasis: [
    {
      citation: 'L.R. 15/2015',
      title: {
        it: 'Interventi a favore del lavoro di assistenza e cura svolto dagli assistenti familiari',
        en: 'Support for care work by home carers',
      },
    },
  ],
  managingBody: {
    it: 'Regione Lombardia, DG Famiglia (Bandi online)',
    en: 'Regione Lombardia, Family directorate (Bandi online)',
  },
  procedure: { type: 'a_sportello', deadlineDays: 30 },
  budget: {
    kind: 'money',
    totalCents: 150_000_000,
    figure: 'approx',
    note: {
      it: '1,5 milioni annunciati per una finestra (fonte secondaria); 484 domande finanziate a fine 2024.',
      en: '1.5 million announced for one window (secondary source); 484 applications funded by the end of 2024.',
    },
  },
  eligibility: [
    {
      id: 'contract-holder',
      kind: 'requirement',
      text: {
        it: 'Chi presenta la domanda è l’intestatario del contratto di lavoro dell’assistente familiare.',
        en: 'The applicant holds the employment contract of the home carer.',
      },
      expression: { '==': [{ var: 'applicantIsContractHolder' }, true] },
    },
    {
      id: 'carer-registered',
      kind: 'requirement',
      text: {
        it: 'L’assistente familiare è iscritto a un registro territoriale degli assistenti familiari.',
        en: 'The home carer is enrolled in a territorial register of home carers.',
      },
      expression: { '==': [{ var: 'carerInTerritorialRegister' }, true] },
    },
    iseeAtMost(3_500_000),
  ],
  benefit: {
    type: 'one_off',
    amount: {
      op: 'capByIseeBand',
      of: {
        op: 'percent',
        basisPoints: 6_000,
        of: { op: 'fact', fact: 'declaredCostCents', label: { it: 'spesa dichiarata', en: 'declared cost' } },
      },
      bands: [
        { maxIseeCents: 2_500_000, capCents: 240_000 },
        { maxIseeCents: 3_500_000, capCents: 200_000 },
      ],
    },
  },
  ranking: null,
  incompatibilities: [],
  requiredDocuments: [
    requiredDocument('employment-contract', {
      it: 'Contratto di lavoro dell’assistente familiare',
      en: 'Employment contract of the home carer',
    }),
    requiredDocument('cost-evidence', {
      it: 'Buste paga e versamenti contributivi del periodo',
      en: 'Payslips and social-security payments for the period',
    }),
  ],
  sealed: false,
  revealsHealthOrHardship: true,
  beneficiaryFiscalCodeField: 'assistedPersonFiscalCode',
  formSchema: formSchema({
    required: [
      'applicantRole',
      'applicantIsContractHolder',
      'assistedPersonFiscalCode',
      'carerFiscalCode',
      'carerInTerritorialRegister',
      'contractStartDate',
      'iseeType',
      'iseeValue',
      'iseeProtocol',
      'declaredCostCents',
      'iban',
    ],
    properties: {
      applicantRole: applicantRole(['assisted_person', 'family_member', 'legal_guardian']),
      applicantIsContractHolder: {
        type: 'boolean',
        title: 'Sono l’intestatario del contratto di lavoro',
        ...en('I am the holder of the employment contract'),
      },
      assistedPersonFiscalCode: fiscalCode(
        'Codice fiscale della persona assistita',
        'Fiscal code of the assisted person',
      ),
      carerFiscalCode: fiscalCode('Codice fiscale dell’assistente familiare', 'Fiscal code of the family assistant'),
      carerInTerritorialRegister: {
        type: 'boolean',
        title: 'L’assistente è iscritto a un registro territoriale',
        ...en('The assistant is on a territorial register'),
      },
      contractStartDate: date('Data di inizio del contratto', 'Start date of the contract'),
      ...iseeFields(['ordinario', 'sociosanitario', 'corrente']),
      declaredCostCents: cents(
        'Spese sostenute nel periodo (retribuzione e contributi)',
        'Costs paid in the period (wages and contributions)',
      ),
      iban,
    },
  }),
  sources: [
    {
      title: 'FNP CISL Milano Metropoli, Bonus assistenti familiari in Lombardia',
      url: 'https://fnpmilanometropoli.it/?p=17255',
    },
    {
      title: 'Blubonus, Bonus assistenti familiari (fasce ISEE e tetti)',
      url: 'https://blubonus.it/prodotto/bonus-assistenti-familiari/',
    },
    { title: 'Regione Lombardia, "Sostegno alla persona e alla famiglia – Relazione 2025" (484 domande finanziate)' },
  ],
};
