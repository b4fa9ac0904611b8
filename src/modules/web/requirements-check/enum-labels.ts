import type { Lang } from '../i18n/lang.js';

/**
 * Labels of the enum values the reference forms use. Form schemas carry values only; until
 * definitions carry their own labels, unknown values are shown as they are.
 */
const LABELS: Record<string, { it: string; en: string }> = {
  parent: { it: 'Genitore', en: 'Parent' },
  adoptive_parent: { it: 'Genitore adottivo', en: 'Adoptive parent' },
  foster_parent: { it: 'Genitore affidatario', en: 'Foster parent' },
  guardian: { it: 'Tutore', en: 'Guardian' },
  legal_guardian: { it: 'Tutore legale', en: 'Legal guardian' },
  legal_representative: { it: 'Rappresentante legale', en: 'Legal representative' },
  beneficiary: { it: 'La persona beneficiaria', en: 'The beneficiary' },
  assisted_person: { it: 'La persona assistita', en: 'The person assisted' },
  family_member: { it: 'Un familiare', en: 'A family member' },
  family_caregiver: { it: 'Caregiver familiare', en: 'Family caregiver' },
  employed_assistant: { it: 'Assistente familiare assunto', en: 'Employed home assistant' },
  spouse: { it: 'Coniuge', en: 'Spouse' },
  civil_partner: { it: 'Unito civilmente', en: 'Civil partner' },
  cohabiting_partner: { it: 'Convivente', en: 'Cohabiting partner' },
  court_ruling: { it: 'Sentenza', en: 'Court ruling' },
  judicial_act: { it: 'Atto giudiziario', en: 'Judicial act' },
  current: { it: 'In carico al centro ora', en: 'In the centre’s care now' },
  ended: { it: 'Percorso concluso', en: 'Path ended' },
  none: { it: 'Nessuno', en: 'None' },
  other: { it: 'Altro', en: 'Other' },
  ordinario: { it: 'ISEE ordinario', en: 'Ordinary ISEE' },
  minorenni: { it: 'ISEE minorenni', en: 'ISEE for minors' },
  sociosanitario: { it: 'ISEE socio-sanitario', en: 'Social and health ISEE' },
  corrente: { it: 'ISEE corrente', en: 'Current ISEE' },
  below_C8: { it: 'Inferiore a C8', en: 'Below C8' },
};

export const enumLabel = (value: string, lang: Lang) => LABELS[value]?.[lang] ?? value;
