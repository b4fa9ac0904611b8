import { AppError, notFound } from '../../common/errors/app-error.js';
import type { BulkKind } from './bulk-operation.kinds.js';

/** The bulk operations' refusals, each message written once. */
export const bulkErrors = {
  notFound: () => notFound({ it: 'Operazione non trovata.', en: 'Operation not found.' }),
  roleRequired: (kind: BulkKind) =>
    new AppError(
      'FORBIDDEN',
      kind === 'request_integration'
        ? {
            it: 'Solo un istruttore può chiedere integrazioni.',
            en: 'Only an operator may request integrations.',
          }
        : {
            it: 'Solo il responsabile del procedimento può assegnare o decidere pratiche in blocco.',
            en: 'Only a manager may assign or decide cases in bulk.',
          },
    ),
  repeatedCase: () =>
    new AppError(
      'VALIDATION_FAILED',
      { it: 'La stessa pratica compare più volte.', en: 'The same case appears more than once.' },
      { errors: [{ field: 'items', messages: ['each case at most once'] }] },
    ),
  keyReused: () =>
    new AppError('CONFLICT', {
      it: 'Questa Idempotency-Key è già stata usata per un’altra operazione.',
      en: 'This Idempotency-Key was already used for another operation.',
    }),
  notASportello: () =>
    new AppError('CONFLICT', {
      it: 'Solo le pratiche a sportello si decidono in blocco: questa va decisa dalla sua pagina.',
      en: 'Only a-sportello cases are decided in bulk: decide this one from its own page.',
    }),
  proposalDiffers: () =>
    new AppError('CONFLICT', {
      it: 'La proposta dell’istruttore ha un esito diverso: va decisa dalla pagina della pratica.',
      en: "The operator's proposal has another outcome: decide it from the case's page.",
    }),
  accountInactive: () =>
    new AppError('FORBIDDEN', {
      it: 'L’account che ha avviato l’operazione non è più attivo.',
      en: 'The account that started the operation is no longer active.',
    }),
  interrupted: () =>
    new AppError('INTERNAL', {
      it: 'Operazione interrotta da un errore tecnico: la pratica non è stata modificata; riprova.',
      en: 'Stopped by a technical error: the case was not changed; try again.',
    }),
};
