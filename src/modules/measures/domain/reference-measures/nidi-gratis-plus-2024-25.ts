import type { Expression } from '../expression.js';
import type { I18nText, MeasureDefinition, MoneyExpression } from '../measure-definition.js';
import { cents, date, en, fiscalCode, formSchema, iseeFields, requiredDocument } from './form-fields.js';
import { iseeAtMost } from './eligibility-rules.js';

/**
 * Nidi Gratis Plus 2024/25: the Region pays the part of the monthly nursery fee (retta, meals
 * and extras excluded) above what INPS Bonus Nido refunds. INPS pays 3,000 EUR/yr in 11
 * instalments (272.73/month); 3,600 EUR/yr (327.27/month) for children born from 1 January
 * 2024 in a household with another child under 10. Some municipal pages print 272,72: the
 * rounding of 3,000 / 11 (272.727...) is 272.73.
 */
const INPS_MONTHLY_CENTS = 27_273;
const INPS_MONTHLY_NEWBORN_WITH_SIBLING_CENTS = 32_727;

const newbornWithSibling: Expression = {
  and: [{ '>=': [{ var: 'childBirthDate' }, '2024-01-01'] }, { '==': [{ var: 'hasSiblingUnder10' }, true] }],
};
const newbornWithSiblingLabel: I18nText = {
  it: 'nato dal 2024 con fratello o sorella sotto i 10 anni',
  en: 'born from 2024 with a sibling under 10',
};

const inpsMonthly: MoneyExpression = {
  op: 'when',
  condition: newbornWithSibling,
  label: newbornWithSiblingLabel,
  then: {
    op: 'constant',
    cents: INPS_MONTHLY_NEWBORN_WITH_SIBLING_CENTS,
    label: { it: 'importo mensile Bonus Nido INPS', en: 'INPS Bonus Nido monthly amount' },
  },
  else: {
    op: 'constant',
    cents: INPS_MONTHLY_CENTS,
    label: { it: 'importo mensile Bonus Nido INPS', en: 'INPS Bonus Nido monthly amount' },
  },
};

export const NIDI_GRATIS_PLUS_2024_25: MeasureDefinition = {
  formatVersion: 1,
  code: 'NIDI-GRATIS-PLUS-2024-25',
  title: { it: 'Nidi Gratis Plus 2024/2025', en: 'Nidi Gratis Plus 2024/2025 (free nursery)' },
  description: {
    it: 'Copertura della quota di retta mensile del nido che supera l’importo rimborsato da INPS (Bonus Nido), per famiglie con ISEE minorenni fino a 25.000 euro: intera quota fino a 20.000 euro, al massimo 100 euro al mese oltre.',
    en: 'Covers the part of the monthly nursery fee above the INPS Bonus Nido refund, for households with an ISEE for minors up to 25,000 EUR: the whole excess up to 20,000 EUR, at most 100 EUR a month above.',
  },
  legalBasis: [
    {
      citation: 'DGR luglio 2024 (Nidi Gratis Plus 2024/2025)',
      title: {
        it: 'Approvazione della misura, PR FSE+ 2021-2027',
        en: 'Approval of the measure, ESF+ 2021-2027 programme',
      },
    },
    { citation: 'L. 232/2016 art. 1 c. 355', title: { it: 'Bonus Nido INPS', en: 'INPS nursery bonus' } },
  ],
  managingBody: {
    it: 'Regione Lombardia, DG Famiglia, con i Comuni aderenti',
    en: 'Regione Lombardia, Family directorate, with the participating municipalities',
  },
  procedure: { type: 'a_sportello', deadlineDays: 30 },
  budget: {
    kind: 'money',
    totalCents: 2_000_000_000,
    figure: 'published',
    note: { it: 'Stanziamento 2024/2025: 20 milioni di euro.', en: '2024/2025 allocation: 20 million EUR.' },
  },
  eligibility: [
    {
      id: 'applicant-parent',
      kind: 'requirement',
      text: {
        it: 'Presenta la domanda un genitore, anche adottivo o affidatario.',
        en: 'A parent, including an adoptive or foster parent, applies.',
      },
      expression: { in: [{ var: 'applicantRelationship' }, ['parent', 'adoptive_parent', 'foster_parent']] },
    },
    {
      id: 'nursery-admitted',
      kind: 'requirement',
      text: {
        it: 'Il bambino è iscritto a un nido o micronido ammesso alla misura.',
        en: 'The child is enrolled in a nursery admitted to the measure.',
      },
      expression: { '==': [{ var: 'childEnrolledInAdmittedNursery' }, true] },
    },
    {
      id: 'isee-minorenni',
      kind: 'requirement',
      text: { it: 'L’attestazione è un ISEE minorenni.', en: 'The attestation is an ISEE for minors (minorenni).' },
      expression: { '==': [{ var: 'iseeType' }, 'minorenni'] },
    },
    iseeAtMost(2_500_000),
    {
      id: 'isee-without-discrepancies',
      kind: 'requirement',
      text: {
        it: 'L’attestazione ISEE non riporta omissioni o difformità.',
        en: 'The ISEE attestation reports no omissions or discrepancies.',
      },
      expression: { '==': [{ var: 'iseeHasOmissionsOrDiscrepancies' }, false] },
    },
    {
      id: 'fee-above-inps',
      kind: 'requirement',
      text: {
        it: 'La retta mensile (esclusi pasti e servizi aggiuntivi) supera l’importo mensile del Bonus Nido INPS: 272,73 euro, o 327,27 euro per i nati dal 2024 con un fratello o una sorella sotto i 10 anni.',
        en: 'The monthly fee (meals and extras excluded) is above the INPS Bonus Nido monthly amount: 272.73 EUR, or 327.27 EUR for children born from 2024 with a sibling under 10.',
      },
      expression: {
        '>': [
          { var: 'monthlyFeeCents' },
          { if: [newbornWithSibling, INPS_MONTHLY_NEWBORN_WITH_SIBLING_CENTS, INPS_MONTHLY_CENTS] },
        ],
      },
    },
  ],
  benefit: {
    type: 'monthly',
    monthly: {
      op: 'capByIseeBand',
      of: {
        op: 'excess',
        of: { op: 'fact', fact: 'monthlyFeeCents', label: { it: 'retta mensile', en: 'monthly fee' } },
        over: inpsMonthly,
      },
      bands: [
        { maxIseeCents: 2_000_000, capCents: null },
        { maxIseeCents: 2_500_000, capCents: 10_000 },
      ],
    },
    // September to July: at most 11 monthly fees, as declared.
    months: { fact: 'months', max: 11 },
  },
  ranking: null,
  incompatibilities: [],
  requiredDocuments: [
    requiredDocument('fee-statement', {
      it: 'Attestazione del nido sulla retta mensile applicata',
      en: 'Nursery statement of the monthly fee charged',
    }),
  ],
  sealed: false,
  beneficiaryFiscalCodeField: 'childFiscalCode',
  formSchema: formSchema({
    required: [
      'applicantRelationship',
      'childFiscalCode',
      'childBirthDate',
      'hasSiblingUnder10',
      'nurseryCode',
      'childEnrolledInAdmittedNursery',
      'iseeType',
      'iseeValue',
      'iseeProtocol',
      'iseeHasOmissionsOrDiscrepancies',
      'monthlyFeeCents',
      'months',
    ],
    properties: {
      applicantRelationship: {
        type: 'string',
        title: 'Relazione con il bambino',
        ...en('Relationship to the child'),
        enum: ['parent', 'adoptive_parent', 'foster_parent', 'other'],
      },
      childFiscalCode: fiscalCode('Codice fiscale del bambino', 'Child’s fiscal code'),
      childBirthDate: date('Data di nascita del bambino', 'Child’s date of birth'),
      hasSiblingUnder10: {
        type: 'boolean',
        title: 'Nel nucleo c’è un altro figlio sotto i 10 anni',
        ...en('The household has another child under 10'),
      },
      nurseryCode: {
        type: 'string',
        title: 'Nido frequentato (dall’elenco dei nidi ammessi)',
        ...en('Nursery attended (from the list of admitted nurseries)'),
        minLength: 1,
        maxLength: 40,
      },
      childEnrolledInAdmittedNursery: {
        type: 'boolean',
        title: 'Dichiaro che il bambino è iscritto al nido indicato',
        ...en('I declare that the child is enrolled at the nursery given'),
      },
      ...iseeFields(['minorenni']),
      iseeHasOmissionsOrDiscrepancies: {
        type: 'boolean',
        title: 'L’attestazione ISEE riporta omissioni o difformità',
        ...en('The ISEE attestation reports omissions or discrepancies'),
      },
      monthlyFeeCents: cents(
        'Retta mensile esclusi pasti e servizi aggiuntivi',
        'Monthly fee excluding meals and extra services',
      ),
      months: { type: 'integer', minimum: 1, maximum: 11, title: 'Mesi di frequenza', ...en('Months of attendance') },
    },
  }),
  sources: [
    {
      title: 'Comune di Vigevano, Misura Nidi Gratis Plus 2024/2025 (requisiti e finestra)',
      url: 'https://www.comune.vigevano.pv.it/informazioni/misura-nidi-gratis-plus-2024-2025-regione-lombardia/',
    },
    {
      title: 'Comune di Cinisello Balsamo, Nidi Gratis Plus 2024/2025 (fasce ISEE)',
      url: 'https://www.comune.cinisello-balsamo.mi.it/spip.php?article27305',
    },
    {
      title: 'Regione Lombardia, "Sostegno alla persona e alla famiglia – Relazione 2025" (20 milioni, 10.888 minori)',
    },
  ],
};
