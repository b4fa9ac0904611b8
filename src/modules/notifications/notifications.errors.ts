import { AppError } from '../../common/errors/app-error.js';

/** The notifications module's errors: each code's message written once, here. */
export const NotificationsErrors = {
  /** Also for another person's notification: existence is not revealed. */
  notFound: () => new AppError('NOT_FOUND', { it: 'Notifica non trovata.', en: 'Notification not found.' }),
};
