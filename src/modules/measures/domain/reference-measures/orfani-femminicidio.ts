import type { MeasureDefinition } from '../measure-definition.js';
import {
  applicantRole,
  BENEFICIARY_REQUIRED,
  beneficiaryFields,
  date,
  en,
  formSchema,
  iban,
  requiredDocument,
  requiredWhen,
} from './form-fields.js';
import { residentInLombardy } from './eligibility-rules.js';

/**
 * One-off grant to orphans of femicide and domestic crimes (orfani di femminicidio e di
 * crimini domestici), L.R. 11/2012 art. 7-bis; DGR 3760/2020, requirements revised by
 * DGR 4905/2021, fund raised to 474,449 EUR by DGR 9372/2022. ATS Brescia examines the
 * applications for the whole region, a sportello in order of arrival.
 */
/**
 * Who the perpetrator is or was to the victim, as L. 4/2018 art. 1 defines the orphans of
 * domestic crimes: spouse "anche legalmente separato o divorziato", civil partner "anche se
 * l'unione civile è cessata", person "che è o è stata legata ... da relazione affettiva e stabile
 * convivenza".
 */
const QUALIFYING_RELATIONSHIPS = [
  'spouse',
  'separated_or_divorced_spouse',
  'civil_partner',
  'former_civil_partner',
  'cohabiting_partner',
  'former_cohabiting_partner',
] as const;

export const ORFANI_FEMMINICIDIO: MeasureDefinition = {
  formatVersion: 1,
  code: 'ORFANI-FEMMINICIDIO',
  title: {
    it: 'Contributo per orfani di femminicidio e di crimini domestici',
    en: 'Grant for orphans of femicide and domestic crimes',
  },
  description: {
    it: 'Contributo una tantum di 5.000 euro a ciascun orfano, fino a 26 anni e 364 giorni, di un reato commesso dal 1° gennaio 2010 da chi è o è stato coniuge (anche legalmente separato o divorziato), parte dell’unione civile (anche cessata) o persona legata alla vittima da relazione affettiva e stabile convivenza.',
    en: 'One-off 5,000 EUR grant to each orphan, up to 26 years and 364 days old, of a crime committed from 1 January 2010 by a person who is or was the victim’s spouse (even legally separated or divorced), civil partner (even after the union ended) or partner in a stable affective and cohabiting relationship.',
  },
  legalBasis: [
    {
      citation: 'L.R. 11/2012 art. 7-bis',
      title: { it: 'Interventi a favore degli orfani di femminicidio', en: 'Support for orphans of femicide' },
    },
    {
      citation: 'L. 4/2018 art. 1',
      title: { it: 'Definizione degli orfani di crimini domestici', en: 'Definition of orphans of domestic crimes' },
    },
    {
      citation: 'DGR XI/4905/2021',
      title: { it: 'Revisione dei requisiti di accesso', en: 'Revised eligibility requirements' },
    },
    {
      citation: 'DGR XI/9372/2022',
      title: { it: 'Proroga e dotazione di 474.449 euro', en: 'Extension and 474,449 EUR fund' },
    },
  ],
  managingBody: { it: 'ATS Brescia, per l’intero territorio regionale', en: 'ATS Brescia, for the whole region' },
  procedure: { type: 'a_sportello', deadlineDays: 30 },
  budget: {
    kind: 'money',
    totalCents: 47_444_900,
    figure: 'published',
    note: {
      it: 'Dotazione complessiva (DGR 9372/2022): meno di 100 contributi.',
      en: 'Total fund (DGR 9372/2022): fewer than 100 grants.',
    },
  },
  eligibility: [
    {
      id: 'applicant-role',
      kind: 'requirement',
      text: {
        it: 'Presenta la domanda l’orfano se maggiorenne; per un minorenne, il tutore o affidatario oppure un genitore.',
        en: 'The orphan applies if an adult; for a minor, the guardian or foster relative, or a parent, applies.',
      },
      expression: {
        if: [
          { '==': [{ var: 'applicantRole' }, 'beneficiary'] },
          { '>=': [{ var: 'beneficiaryAgeYears' }, 18] },
          { '<': [{ var: 'beneficiaryAgeYears' }, 18] },
        ],
      },
    },
    {
      id: 'parent-not-involved',
      kind: 'requirement',
      text: {
        it: 'Un genitore può presentare domanda solo se non è autore, indagato o imputato del reato.',
        en: 'A parent may apply only if not the perpetrator, a suspect or a defendant for the crime.',
      },
      expression: {
        or: [
          { '!=': [{ var: 'applicantRole' }, 'parent'] },
          { '==': [{ var: 'parentIsPerpetratorSuspectOrDefendant' }, false] },
        ],
      },
    },
    residentInLombardy({
      it: 'L’orfano risiede in Lombardia alla data della domanda.',
      en: 'The orphan lives in Lombardy on the application date.',
    }),
    {
      id: 'age-limit',
      kind: 'requirement',
      text: {
        it: 'L’orfano ha al massimo 26 anni compiuti (26 anni e 364 giorni) alla data della domanda.',
        en: 'The orphan is at most 26 years old (26 years and 364 days) on the application date.',
      },
      expression: { '<': [{ var: 'beneficiaryAgeYears' }, 27] },
    },
    {
      id: 'crime-date',
      kind: 'requirement',
      text: {
        it: 'Il reato è avvenuto dal 1° gennaio 2010 in poi.',
        en: 'The crime took place on or after 1 January 2010.',
      },
      expression: { '>=': [{ var: 'crimeDate' }, '2010-01-01'] },
    },
    {
      id: 'perpetrator-relationship',
      kind: 'review',
      text: {
        it: 'L’autore è o è stato coniuge della vittima (anche legalmente separato o divorziato), parte dell’unione civile con la vittima (anche se l’unione è cessata) o persona legata alla vittima da relazione affettiva e stabile convivenza (anche se terminata) (L. 4/2018 art. 1): l’ufficio lo verifica sugli atti.',
        en: 'The perpetrator is or was the victim’s spouse (even legally separated or divorced), civil partner (even after the union ended) or partner in a stable affective and cohabiting relationship (even after it ended) (L. 4/2018 art. 1): the office checks it against the records.',
      },
      expression: { in: [{ var: 'perpetratorRelationship' }, [...QUALIFYING_RELATIONSHIPS]] },
    },
    {
      id: 'judicial-attestation',
      kind: 'review',
      text: {
        it: 'Il reato è attestato da una sentenza, anche non definitiva, o da un atto o provvedimento dell’autorità giudiziaria: l’ufficio esamina il documento.',
        en: 'The crime is attested by a court ruling, even not final, or by an act of a judicial authority: the office examines the document.',
      },
      expression: { in: [{ var: 'judicialAttestation' }, ['court_ruling', 'judicial_act']] },
    },
  ],
  benefit: {
    type: 'one_off',
    amount: {
      op: 'constant',
      cents: 500_000,
      label: { it: 'importo fisso per orfano', en: 'fixed amount per orphan' },
    },
  },
  ranking: null,
  incompatibilities: [],
  requiredDocuments: [
    requiredDocument('judicial-document', {
      it: 'Sentenza o atto dell’autorità giudiziaria che attesta il reato',
      en: 'Court ruling or judicial act attesting the crime',
    }),
    requiredDocument(
      'guardianship-decree',
      {
        it: 'Provvedimento di nomina del tutore o di affidamento',
        en: 'Order appointing the guardian or placing the child in foster care',
      },
      { '==': [{ var: 'applicantRole' }, 'guardian'] },
    ),
  ],
  sealed: true,
  revealsHealthOrHardship: true,
  beneficiaryFiscalCodeField: 'beneficiaryFiscalCode',
  formSchema: formSchema({
    required: [
      'applicantRole',
      ...BENEFICIARY_REQUIRED,
      'crimeDate',
      'perpetratorRelationship',
      'judicialAttestation',
      'iban',
    ],
    properties: {
      applicantRole: applicantRole(['beneficiary', 'guardian', 'parent']),
      parentIsPerpetratorSuspectOrDefendant: {
        type: 'boolean',
        title: 'Il genitore richiedente è autore, indagato o imputato del reato',
        ...en('The applying parent is the perpetrator, a suspect or a defendant for the crime'),
      },
      guardianshipAct: {
        type: 'string',
        title: 'Estremi del provvedimento di tutela o affido',
        ...en('Reference of the guardianship or foster-care order'),
        maxLength: 200,
      },
      ...beneficiaryFields('dell’orfano', 'of the orphan'),
      crimeDate: date('Data del reato', 'Date of the crime'),
      perpetratorRelationship: {
        type: 'string',
        title: 'L’autore del reato è o è stato, rispetto alla vittima',
        description:
          'spouse: coniuge; separated_or_divorced_spouse: coniuge legalmente separato o divorziato; civil_partner: parte dell’unione civile; ' +
          'former_civil_partner: parte di un’unione civile cessata; cohabiting_partner: persona legata da relazione affettiva e stabile convivenza; ' +
          'former_cohabiting_partner: persona che è stata legata da relazione affettiva e stabile convivenza; other: altra relazione',
        ...en(
          'The perpetrator is or was, to the victim',
          'spouse: spouse; separated_or_divorced_spouse: legally separated or divorced spouse; civil_partner: civil partner; ' +
            'former_civil_partner: partner in a dissolved civil union; cohabiting_partner: person in an emotional relationship and stable cohabitation; ' +
            'former_cohabiting_partner: person who was in an emotional relationship and stable cohabitation; other: another relationship',
        ),
        enum: [...QUALIFYING_RELATIONSHIPS, 'other'],
      },
      judicialAttestation: {
        type: 'string',
        title: 'Il reato è attestato da',
        ...en('The crime is attested by'),
        enum: ['court_ruling', 'judicial_act', 'none'],
      },
      iban,
    },
    allOf: [
      requiredWhen('applicantRole', 'parent', ['parentIsPerpetratorSuspectOrDefendant']),
      requiredWhen('applicantRole', 'guardian', ['guardianshipAct']),
    ],
  }),
  sources: [
    {
      title: 'Regione Lombardia, Non sei da sola: Orfani di femminicidio e crimini domestici',
      url: 'https://www.nonseidasola.regione.lombardia.it/wps/portal/site/nonseidasola/DettaglioRedazionale/cosa-fa-regione/orfani-femminicidio-e-crimini-domestici',
    },
    {
      title: 'ATS Brescia, Contributi economici per orfani di femminicidio',
      url: 'https://www.ats-brescia.it/contributi-economici-per-orfani-di-femminicidio',
    },
  ],
};
