import { AppError } from '../../common/errors/app-error.js';
import type { ApplicationStatus } from './domain/application-status.js';

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
