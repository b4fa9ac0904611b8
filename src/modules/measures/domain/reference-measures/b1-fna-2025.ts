import type { Expression } from '../expression.js';
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
  requiredWhen,
} from './form-fields.js';
import {
  FAMILY_CAREGIVER_LABEL,
  b1AndB2Exclusive,
  fnaIseeByAge,
  fnaMonthlyAllowance,
  residentInLombardy,
} from './eligibility-rules.js';

/**
 * Misura B1, very severe disability (disabilità gravissima), FNA 2024 exercise 2025
 * (DGR XII/3719 of 30/12/2024). The person must receive the care allowance and be in one of
 * the conditions of DM 26/9/2016 art. 3 c. 2, letters a) to i); the applicant declares which
 * one, so each condition reads only its own clinical scale. Amounts of the monthly buono are
 * the 2025 figures reported by secondary sources (approx.): 565-665 EUR with a family
 * caregiver by type of need, up to 900 for complex needs, 900-1,300 with an employed assistant
 * by contract hours.
 */

const condition = (name: string, ...requirements: Expression[]): Expression => ({
  and: [{ '==': [{ var: 'clinicalCondition' }, name] }, ...requirements],
});

const motorScale = (scale: string, requirement: Expression): Expression => ({
  and: [{ '==': [{ var: 'motorScale' }, scale] }, requirement],
});

export const B1_FNA_2025: MeasureDefinition = {
  formatVersion: 1,
  code: 'B1-FNA-2025',
  title: { it: 'Misura B1 – Disabilità gravissima (FNA 2025)', en: 'Measure B1 – Very severe disability (FNA 2025)' },
  description: {
    it: 'Buono mensile per 12 mesi a sostegno dell’assistenza a domicilio della persona con disabilità gravissima, da parte del caregiver familiare o di personale regolarmente assunto.',
    en: 'Monthly allowance for 12 months supporting home care of a person with very severe disability, by a family caregiver or a regularly employed assistant.',
  },
  legalBasis: [
    {
      citation: 'DM 26/9/2016 art. 3',
      title: {
        it: 'Fondo per le non autosufficienze: condizioni di disabilità gravissima',
        en: 'Non-self-sufficiency fund: very severe disability conditions',
      },
    },
    {
      citation: 'DGR XII/3719/2024',
      title: {
        it: 'Programma operativo regionale FNA 2024, esercizio 2025',
        en: 'Regional FNA 2024 programme, 2025 exercise',
      },
    },
    { citation: 'L. 18/1980', title: { it: 'Indennità di accompagnamento', en: 'Care allowance' } },
  ],
  managingBody: {
    it: 'ASST di residenza (valutazione multidimensionale e progetto individuale); ATS (erogazione)',
    en: 'Local ASST (multidimensional assessment and individual project); ATS (payment)',
  },
  procedure: { type: 'a_sportello', deadlineDays: 60 },
  budget: {
    kind: 'money',
    totalCents: 13_000_000_000,
    figure: 'approx',
    note: {
      it: 'Ordine di grandezza: oltre 130 milioni stanziati per la B1 nel 2024 (Relazione 2025); la quota 2025 non è pubblicata separatamente.',
      en: 'Order of magnitude: over 130 million allocated to B1 in 2024 (2025 report); the 2025 share is not published separately.',
    },
  },
  eligibility: [
    residentInLombardy({ it: 'La persona risiede in Lombardia.', en: 'The person lives in Lombardy.' }),
    {
      id: 'care-allowance',
      kind: 'requirement',
      text: {
        it: 'La persona percepisce l’indennità di accompagnamento (L. 18/1980).',
        en: 'The person receives the care allowance (indennità di accompagnamento, L. 18/1980).',
      },
      expression: { '==': [{ var: 'receivesCareAllowance' }, true] },
    },
    {
      id: 'dm-2016-condition',
      kind: 'requirement',
      text: {
        it: 'La persona è in una delle condizioni del DM 26/9/2016: coma con GCS ≤ 10; ventilazione 24/7; demenza con CDRS ≥ 4; lesione spinale C0-C5 ASIA A o B; MRC ≤ 1 ai 4 arti, EDSS ≥ 9 o Hoehn-Yahr 5; residuo visivo ≤ 1/20 con ipoacusia ≥ 90 dB; autismo livello 3 DSM-5; QI ≤ 34 con LAPMER ≤ 8; altra dipendenza vitale 24/7 (valutata dall’ASST).',
        en: 'The person is in one of the DM 26/9/2016 conditions: coma with GCS ≤ 10; 24/7 ventilation; dementia with CDRS ≥ 4; spinal lesion C0-C5 ASIA A or B; MRC ≤ 1 on 4 limbs, EDSS ≥ 9 or Hoehn-Yahr 5; visual residue ≤ 1/20 with hearing loss ≥ 90 dB; autism DSM-5 level 3; IQ ≤ 34 with LAPMER ≤ 8; other 24/7 vital dependence (assessed by the ASST).',
      },
      expression: {
        or: [
          // a) coma / minimally conscious state
          condition('coma', { '<=': [{ var: 'glasgowComaScale' }, 10] }),
          // b) continuous mechanical ventilation, invasive or not
          condition('ventilation', { '==': [{ var: 'ventilation247' }, true] }),
          // c) severe dementia, Clinical Dementia Rating Scale
          condition('dementia', { '>=': [{ var: 'cdrsScore' }, 4] }),
          // d) spinal lesion between C0 and C5, ASIA Impairment Scale A or B
          condition(
            'spinal_lesion',
            { in: [{ var: 'spinalLesionLevel' }, ['C0', 'C1', 'C2', 'C3', 'C4', 'C5']] },
            { in: [{ var: 'asiaGrade' }, ['A', 'B']] },
          ),
          // e) very severe motor impairment: any one of three scales
          condition('motor_impairment', {
            or: [
              motorScale('mrc', { '<=': [{ var: 'mrcFourLimbsScore' }, 1] }),
              motorScale('edss', { '>=': [{ var: 'edssScore' }, 9] }),
              motorScale('hoehn_yahr', { '>=': [{ var: 'hoehnYahrStage' }, 5] }),
            ],
          }),
          // f) deafblindness: both thresholds, better eye and better ear
          condition(
            'deafblindness',
            { '<=': [{ var: 'visualAcuityBetterEye' }, 0.05] },
            { '>=': [{ var: 'hearingLossBetterEarDb' }, 90] },
          ),
          // g) autism spectrum disorder, DSM-5 level 3
          condition('autism', { '==': [{ var: 'autismDsm5Level' }, 3] }),
          // h) severe or profound intellectual disability
          condition(
            'intellectual_disability',
            { '<=': [{ var: 'iqScore' }, 34] },
            { '<=': [{ var: 'lapmerScore' }, 8] },
          ),
          // i) any other 24/7 vital dependence: only the ASST assessment can confirm it
          condition('vital_dependence', { needsReview: [{ '==': [{ var: 'vitalDependence247' }, true] }] }),
        ],
      },
    },
    fnaIseeByAge({ adultCents: 5_000_000, minorCents: 6_500_000 }),
  ],
  benefit: fnaMonthlyAllowance({
    family_caregiver: { cents: 56_500, label: FAMILY_CAREGIVER_LABEL },
    family_caregiver_higher_need: {
      cents: 66_500,
      label: { it: 'caregiver familiare, bisogno più elevato', en: 'family caregiver, higher need' },
    },
    complex_needs: { cents: 90_000, label: { it: 'bisogni complessi', en: 'complex needs' } },
    employed_assistant_part_time: {
      cents: 90_000,
      label: { it: 'assistente assunto, tempo parziale', en: 'employed assistant, part time' },
    },
    employed_assistant_full_time: {
      cents: 130_000,
      label: { it: 'assistente assunto, tempo pieno', en: 'employed assistant, full time' },
    },
  }),
  ranking: null,
  incompatibilities: [b1AndB2Exclusive('B2-FNA-2025-*')],
  requiredDocuments: [
    requiredDocument('care-allowance-report', {
      it: 'Verbale di invalidità civile con indennità di accompagnamento',
      en: 'Civil invalidity report granting the care allowance',
    }),
    requiredDocument('clinical-certificate', {
      it: 'Certificazione clinica della condizione con la scala di valutazione, rilasciata da struttura pubblica o accreditata',
      en: 'Clinical certificate of the condition with its rating scale, from a public or accredited provider',
    }),
  ],
  sealed: false,
  revealsHealthOrHardship: true,
  beneficiaryFiscalCodeField: 'beneficiaryFiscalCode',
  formSchema: formSchema({
    required: [
      'applicantRole',
      ...BENEFICIARY_REQUIRED,
      'receivesCareAllowance',
      'clinicalCondition',
      'iseeType',
      'iseeValue',
      'iseeProtocol',
      'careArrangement',
      'iban',
    ],
    properties: {
      applicantRole: applicantRole(['beneficiary', 'family_member', 'legal_representative']),
      ...beneficiaryFields('della persona con disabilità', 'of the person with a disability'),
      receivesCareAllowance: {
        type: 'boolean',
        title: 'Percepisce l’indennità di accompagnamento',
        ...en('Receives the attendance allowance (indennità di accompagnamento)'),
      },
      clinicalCondition: {
        type: 'string',
        title: 'Condizione (DM 26/9/2016 art. 3, lettere a-i)',
        ...en('Condition (DM 26/9/2016 art. 3, letters a-i)'),
        enum: [
          'coma',
          'ventilation',
          'dementia',
          'spinal_lesion',
          'motor_impairment',
          'deafblindness',
          'autism',
          'intellectual_disability',
          'vital_dependence',
        ],
      },
      glasgowComaScale: {
        type: 'integer',
        minimum: 3,
        maximum: 15,
        title: 'Glasgow Coma Scale',
        ...en('Glasgow Coma Scale'),
      },
      ventilation247: {
        type: 'boolean',
        title: 'Ventilazione meccanica continuativa 24 ore su 24, 7 giorni su 7',
        ...en('Continuous mechanical ventilation 24 hours a day, 7 days a week'),
      },
      cdrsScore: {
        type: 'integer',
        minimum: 0,
        maximum: 5,
        title: 'Clinical Dementia Rating Scale',
        ...en('Clinical Dementia Rating Scale'),
      },
      spinalLesionLevel: {
        type: 'string',
        title: 'Livello della lesione spinale',
        ...en('Level of the spinal lesion'),
        enum: ['C0', 'C1', 'C2', 'C3', 'C4', 'C5', 'C6', 'C7', 'C8', 'below_C8'],
      },
      asiaGrade: {
        type: 'string',
        title: 'ASIA Impairment Scale',
        ...en('ASIA Impairment Scale'),
        enum: ['A', 'B', 'C', 'D', 'E'],
      },
      motorScale: {
        type: 'string',
        title: 'Scala motoria utilizzata',
        ...en('Motor scale used'),
        enum: ['mrc', 'edss', 'hoehn_yahr'],
      },
      mrcFourLimbsScore: {
        type: 'integer',
        minimum: 0,
        maximum: 5,
        title: 'Bilancio muscolare MRC ai 4 arti',
        ...en('MRC muscle strength in the 4 limbs'),
      },
      edssScore: { type: 'number', minimum: 0, maximum: 10, multipleOf: 0.5, title: 'EDSS', ...en('EDSS') },
      hoehnYahrStage: {
        type: 'number',
        minimum: 1,
        maximum: 5,
        multipleOf: 0.5,
        title: 'Stadio Hoehn-Yahr',
        ...en('Hoehn-Yahr stage'),
      },
      visualAcuityBetterEye: {
        type: 'number',
        minimum: 0,
        maximum: 1,
        title: 'Residuo visivo nell’occhio migliore (1/20 = 0.05)',
        ...en('Residual vision in the better eye (1/20 = 0.05)'),
      },
      hearingLossBetterEarDb: {
        type: 'integer',
        minimum: 0,
        maximum: 140,
        title: 'Ipoacusia nell’orecchio migliore (dB HTL)',
        ...en('Hearing loss in the better ear (dB HTL)'),
      },
      autismDsm5Level: {
        type: 'integer',
        minimum: 1,
        maximum: 3,
        title: 'Livello DSM-5 del disturbo dello spettro autistico',
        ...en('DSM-5 level of the autism spectrum disorder'),
      },
      iqScore: {
        type: 'integer',
        minimum: 0,
        maximum: 200,
        title: 'Quoziente intellettivo',
        ...en('Intelligence quotient'),
      },
      lapmerScore: { type: 'integer', minimum: 0, maximum: 40, title: 'Punteggio LAPMER', ...en('LAPMER score') },
      vitalDependence247: {
        type: 'boolean',
        title: 'Necessita di assistenza e monitoraggio sanitario continuativi 24/7',
        ...en('Needs continuous care and health monitoring 24/7'),
      },
      vitalDependenceDescription: {
        type: 'string',
        maxLength: 2000,
        title: 'Descrizione dei bisogni complessi',
        ...en('Description of the complex needs'),
      },
      ...iseeFields(['ordinario', 'sociosanitario']),
      careArrangement: {
        type: 'string',
        title: 'Assistenza prestata da',
        ...en('Care provided by'),
        enum: [
          'family_caregiver',
          'family_caregiver_higher_need',
          'complex_needs',
          'employed_assistant_part_time',
          'employed_assistant_full_time',
        ],
      },
      iban,
    },
    allOf: [
      requiredWhen('clinicalCondition', 'coma', ['glasgowComaScale']),
      requiredWhen('clinicalCondition', 'ventilation', ['ventilation247']),
      requiredWhen('clinicalCondition', 'dementia', ['cdrsScore']),
      requiredWhen('clinicalCondition', 'spinal_lesion', ['spinalLesionLevel', 'asiaGrade']),
      requiredWhen('clinicalCondition', 'motor_impairment', ['motorScale']),
      requiredWhen('motorScale', 'mrc', ['mrcFourLimbsScore']),
      requiredWhen('motorScale', 'edss', ['edssScore']),
      requiredWhen('motorScale', 'hoehn_yahr', ['hoehnYahrStage']),
      requiredWhen('clinicalCondition', 'deafblindness', ['visualAcuityBetterEye', 'hearingLossBetterEarDb']),
      requiredWhen('clinicalCondition', 'autism', ['autismDsm5Level']),
      requiredWhen('clinicalCondition', 'intellectual_disability', ['iqScore', 'lapmerScore']),
      requiredWhen('clinicalCondition', 'vital_dependence', ['vitalDependence247', 'vitalDependenceDescription']),
    ],
  }),
  sources: [
    {
      title: 'Fidaldo, Lombardia: Misura B1 e Misura B2 (importi 2025 da DGR 3719/2024)',
      url: 'https://www.fidaldo.it/?p=597',
    },
    {
      title:
        'Regione Lombardia, "Sostegno alla persona e alla famiglia – Relazione 2025" (14.146 beneficiari B1 nel 2024)',
    },
  ],
};
