import { AppError, fieldError } from '../../common/errors/app-error.js';

/** The auth module's errors: each code's message written once, here. */
export const AuthErrors = {
  /** A route that declares no policy: refused (fail closed), whoever calls it. */
  noPolicy: () => new AppError('FORBIDDEN', { it: 'Operazione non consentita.', en: 'Operation not allowed.' }),
  roleDenied: () =>
    new AppError('AUTH_ROLE_DENIED', {
      it: 'Il tuo ruolo non consente questa operazione.',
      en: 'Your role does not allow this operation.',
    }),
  invalidToken: () =>
    new AppError('AUTH_INVALID_TOKEN', {
      it: 'Sessione non valida o scaduta: effettua di nuovo il login.',
      en: 'Invalid or expired session: please log in again.',
    }),
  passwordChangeRequired: () =>
    new AppError('PASSWORD_CHANGE_REQUIRED', {
      it: 'La password è temporanea: cambiala (PUT /me/password) prima di continuare.',
      en: 'Your password is temporary: change it (PUT /me/password) before going on.',
    }),
  emailVerificationRequired: () =>
    new AppError('EMAIL_VERIFICATION_REQUIRED', {
      it: 'Conferma il tuo indirizzo e-mail con il link che ti abbiamo inviato prima di presentare domande.',
      en: 'Confirm your e-mail address with the link we sent you before applying.',
    }),
  badCredentials: () =>
    new AppError('AUTH_INVALID_CREDENTIALS', {
      it: 'E-mail o password non corretti.',
      en: 'Wrong e-mail or password.',
    }),
  accountDisabled: () =>
    new AppError('AUTH_ACCOUNT_DISABLED', {
      it: "Questo account è disabilitato. Contatta l'amministratore.",
      en: 'This account is disabled. Contact the administrator.',
    }),
  loginThrottled: (waitSeconds: number) => {
    const minutes = Math.ceil(waitSeconds / 60);
    return new AppError(
      'AUTH_THROTTLED',
      {
        it: `Troppi tentativi di accesso. Riprova tra ${minutes} ${minutes === 1 ? 'minuto' : 'minuti'}.`,
        en: `Too many login attempts. Try again in ${minutes} ${minutes === 1 ? 'minute' : 'minutes'}.`,
      },
      { retryAfterSeconds: waitSeconds },
    );
  },
  registrationThrottled: (waitSeconds: number) => {
    const minutes = Math.ceil(waitSeconds / 60);
    return new AppError(
      'REGISTRATION_THROTTLED',
      {
        it: `Troppe registrazioni da questa rete. Riprova tra ${minutes} minuti.`,
        en: `Too many registrations from this network. Try again in ${minutes} minutes.`,
      },
      { retryAfterSeconds: waitSeconds },
    );
  },
  underage: () =>
    fieldError('VALIDATION_FAILED', 'birthDate', {
      it: 'Per registrarsi occorre essere maggiorenni (per un minore presenta domanda il genitore o il tutore).',
      en: 'You must be an adult to register (a parent or guardian applies for a minor).',
    }),
  invalidVerificationLink: () =>
    new AppError('AUTH_VERIFICATION_INVALID', {
      it: 'Link di conferma non valido, già usato o scaduto: registrati di nuovo per riceverne un altro.',
      en: 'Confirmation link invalid, already used or expired: register again to receive a new one.',
    }),
};
