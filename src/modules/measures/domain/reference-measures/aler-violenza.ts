import type { MeasureDefinition } from '../measure-definition.js';
import { date, en, fiscalCode, formSchema, requiredDocument, requiredWhen } from './form-fields.js';

/**
 * ALER flats for women victims of violence, DGR XII/639 of 17/07/2023 (64 flats, raised to
 * 100 in 2025). In kind: the woman gets a flat for at least 5 years with rent and service
 * charges paid by the Region to the ALER. She never applies herself: the anti-violence centre
 * (CAV) that follows her does, so the form holds no address and no story, only what the
 * rules need.
 */
export const ALER_VIOLENZA: MeasureDefinition = {
  formatVersion: 1,
  code: 'ALER-VIOLENZA',
  title: {
    it: 'Alloggi ALER per donne vittime di violenza',
    en: 'ALER public-housing flats for women victims of violence',
  },
  description: {
    it: 'Assegnazione di un alloggio ALER per almeno 5 anni, con canone e spese reversibili coperti, alle donne seguite da un centro antiviolenza nella fase finale del percorso di uscita dalla violenza.',
    en: 'Allocation of an ALER flat for at least 5 years, rent and service charges covered, to women followed by an anti-violence centre in the final phase of leaving violence.',
  },
  legalBasis: [
    {
      citation: 'DGR XII/639/2023',
      title: {
        it: 'Sperimentazione di alloggi ALER per donne vittime di violenza',
        en: 'Pilot of ALER flats for women victims of violence',
      },
    },
  ],
  managingBody: {
    it: 'ALER territoriale, su proposta del Centro antiviolenza convenzionato',
    en: 'Local ALER, on referral by the partner anti-violence centre',
  },
  procedure: { type: 'in_kind', deadlineDays: 30 },
  budget: {
    kind: 'units',
    units: 100,
    figure: 'published',
    note: {
      it: '64 alloggi individuati nel 2024, saliti a 100 nel 2025, ripartiti per provincia.',
      en: '64 flats found in 2024, 100 in 2025, allocated per province.',
    },
  },
  eligibility: [
    {
      id: 'submitted-by-cav',
      kind: 'requirement',
      text: {
        it: 'La domanda è presentata dall’operatrice del centro antiviolenza che segue la donna.',
        en: 'The application is made by the operator of the anti-violence centre following the woman.',
      },
      expression: { '==': [{ var: 'submitterRole' }, 'cav_operator'] },
    },
    {
      id: 'cav-in-charge',
      kind: 'requirement',
      text: {
        it: 'La donna è in carico a un centro antiviolenza, o lo è stata negli ultimi 6 mesi.',
        en: 'The woman is followed by an anti-violence centre, or was within the last 6 months.',
      },
      expression: {
        or: [
          { '==': [{ var: 'cavStatus' }, 'current'] },
          {
            and: [
              { '==': [{ var: 'cavStatus' }, 'ended'] },
              { '>=': [{ var: 'cavEndDate' }, { addMonths: [{ var: 'applicationDate' }, -6] }] },
            ],
          },
        ],
      },
    },
    {
      id: 'final-phase',
      kind: 'review',
      text: {
        it: 'La donna necessita di sostegno nella fase finale del percorso di fuoriuscita dalla violenza, per raggiungere la piena autonomia: lo valutano il centro e l’ALER.',
        en: 'The woman needs support in the final phase of leaving violence, to reach full autonomy: the centre and the ALER assess it.',
      },
      expression: { '==': [{ var: 'finalPhaseOfLeavingViolence' }, true] },
    },
  ],
  benefit: {
    type: 'in_kind',
    units: 1,
    unit: { it: 'alloggio ALER', en: 'ALER flat' },
    description: {
      it: 'per almeno 5 anni, con canone di locazione e spese reversibili coperti dalla Regione',
      en: 'for at least 5 years, with rent and service charges covered by the Region',
    },
  },
  ranking: null,
  incompatibilities: [],
  requiredDocuments: [
    requiredDocument('cav-report', {
      it: 'Relazione del centro antiviolenza sulla presa in carico e sul percorso',
      en: 'Anti-violence centre report on the care relationship and the path',
    }),
  ],
  sealed: true,
  revealsHealthOrHardship: true,
  beneficiaryFiscalCodeField: 'womanFiscalCode',
  formSchema: formSchema({
    required: [
      'submitterRole',
      'cavCode',
      'womanFiscalCode',
      'cavStatus',
      'finalPhaseOfLeavingViolence',
      'province',
      'childrenCount',
    ],
    properties: {
      // Set by the API from the submitting account's role, never typed by the user.
      submitterRole: {
        type: 'string',
        title: 'Ruolo di chi presenta',
        ...en('Role of the person applying'),
        enum: ['cav_operator', 'other'],
      },
      cavCode: {
        type: 'string',
        title: 'Centro antiviolenza (codice Albo regionale)',
        ...en('Anti-violence centre (regional register code)'),
        minLength: 1,
        maxLength: 40,
      },
      womanFiscalCode: fiscalCode('Codice fiscale della donna', 'Fiscal code of the woman'),
      cavStatus: { type: 'string', title: 'Presa in carico', ...en('Taken into care'), enum: ['current', 'ended'] },
      cavEndDate: date('Data di conclusione della presa in carico', 'End date of the care'),
      finalPhaseOfLeavingViolence: {
        type: 'boolean',
        title: 'È nella fase finale del percorso di fuoriuscita dalla violenza',
        ...en('She is in the final phase of the path out of violence'),
      },
      province: {
        type: 'string',
        title: 'Provincia dell’alloggio richiesto',
        ...en('Province of the requested home'),
        enum: ['BG', 'BS', 'CO', 'CR', 'LC', 'LO', 'MB', 'MI', 'MN', 'PV', 'SO', 'VA'],
      },
      childrenCount: {
        type: 'integer',
        minimum: 0,
        maximum: 20,
        title: 'Figli che vivranno con lei',
        ...en('Children who will live with her'),
      },
    },
    allOf: [requiredWhen('cavStatus', 'ended', ['cavEndDate'])],
  }),
  sources: [
    {
      title: 'ANSA, In Lombardia case popolari alle donne vittime di violenza (17/07/2023)',
      url: 'https://www.ansa.it/lombardia/notizie/2023/07/17/in-lombardia-case-popolari-alle-donne-vittime-di-violenza_659e4a1f-0392-4983-9b39-3ef660321983.html',
    },
    {
      title: 'MilanoPost, requisiti: in carico a un CAV o negli ultimi sei mesi, fase finale di fuoriuscita',
      url: 'https://www.milanopost.info/2023/07/18/case-popolari-alle-donne-vittime-di-violenza-parte-la-sperimentazione/',
    },
    { title: 'Regione Lombardia, "Interventi regionali" contro la violenza sulle donne (progetto ALER)' },
  ],
};
