import { AppError } from '../../common/errors/app-error.js';
import type { ApplicationStatus } from './domain/application-status.js';
import type { CaseAction, Refusal } from './domain/allowed-actions.js';

export const applicationNotFound = () =>
  new AppError('APPLICATION_NOT_FOUND', { it: 'Domanda non trovata.', en: 'Application not found.' });

export const illegalTransition = (from: ApplicationStatus, action: string) =>
  new AppError('APPLICATION_ILLEGAL_TRANSITION', {
    it: `Operazione "${action}" non consentita: la domanda è nello stato ${from}.`,
    en: `"${action}" is not allowed: the application is ${from}.`,
  });

export const staleCase = () =>
  new AppError('APPLICATION_STALE', {
    it: 'La pratica è stata modificata da qualcun altro: ricarica e riprova.',
    en: 'The case was changed by someone else: reload and retry.',
  });

export const windowClosed = () =>
  new AppError('APPLICATION_WINDOW_CLOSED', {
    it: 'La misura non accetta domande in questo momento (finestra di presentazione chiusa).',
    en: 'The measure is not accepting applications now (the application window is closed).',
  });

type RuleRefusal = Exclude<
  Refusal,
  'APPLICATION_NOT_FOUND' | 'APPLICATION_ILLEGAL_TRANSITION' | 'APPLICATION_WINDOW_CLOSED'
>;

const MESSAGES: Record<RuleRefusal, { it: string; en: string }> = {
  FORBIDDEN: { it: 'Operazione non consentita.', en: 'Not allowed.' },
  APPLICATION_NOT_ASSIGNED: {
    it: 'Operazione riservata all’istruttore assegnato alla pratica.',
    en: 'Reserved to the operator assigned to the case.',
  },
  APPLICATION_ROLE_REQUIRED: {
    it: 'Operazione riservata ad altro ruolo (ad esempio il responsabile del procedimento).',
    en: 'Reserved to another role (e.g. the manager in charge).',
  },
  APPLICATION_FOUR_EYES: {
    it: 'Chi ha proposto non può decidere la stessa pratica (quattro occhi).',
    en: 'Who proposed cannot decide the same case (four eyes).',
  },
  APPLICATION_FILER_CANNOT_DECIDE: {
    it: 'Chi ha presentato la domanda non può deciderla (quattro occhi).',
    en: 'Who filed the application cannot decide it (four eyes).',
  },
  APPLICATION_INTEGRATION_USED: {
    it: 'Il soccorso istruttorio sospende i termini una sola volta: è già stato chiesto.',
    en: 'An integration suspends the deadline only once: it was already requested.',
  },
  APPLICATION_PRE_REJECTION_REQUIRED: {
    it: 'Prima del rigetto va inviato il preavviso (art. 10-bis L. 241/1990).',
    en: 'A rejection needs the notice of intended rejection first (art. 10-bis L. 241/1990).',
  },
  PRE_REJECTION_NOT_APPLICABLE: {
    it: 'Il preavviso di rigetto (art. 10-bis L. 241/1990) non si applica alle procedure concorsuali (graduatoria).',
    en: 'The notice of intended rejection (art. 10-bis L. 241/1990) does not apply to competitive procedures (graduatoria).',
  },
  APPLICATION_NOTICE_RUNNING: {
    it: 'I 10 giorni per le osservazioni (art. 10-bis) non sono ancora trascorsi.',
    en: 'The 10 days for observations (art. 10-bis) have not elapsed yet.',
  },
  APPLICATION_RANKING_REQUIRED: {
    it: 'In una graduatoria ammissione e finanziamento si decidono con la pubblicazione della graduatoria.',
    en: 'In a graduatoria, admission and funding are decided by publishing the ranking.',
  },
  APPLICATION_AMOUNT_UNKNOWN: {
    it: "L'importo del beneficio non è determinato: indicarlo nella proposta.",
    en: 'The benefit amount is unknown: set it in the proposal.',
  },
  APPLICATION_NOT_DUPLICATE: {
    it: 'La pratica indicata non è un possibile duplicato, ancora attivo, di questa.',
    en: 'The case named is not a possible duplicate of this one that is still active.',
  },
};

/** The error for an action the rules refuse (domain/allowed-actions.ts). */
export function refusalError(refusal: Refusal, action: CaseAction, status: ApplicationStatus): AppError {
  if (refusal === 'APPLICATION_NOT_FOUND') return applicationNotFound();
  if (refusal === 'APPLICATION_ILLEGAL_TRANSITION') return illegalTransition(status, action);
  if (refusal === 'APPLICATION_WINDOW_CLOSED') return windowClosed();
  return caseRefusal(refusal);
}

/** A rule's refusal with its one message; `extra` says which case or value it is about. */
export const caseRefusal = (code: RuleRefusal, extra: Record<string, unknown> = {}) =>
  new AppError(code, MESSAGES[code], extra);
