import { AppError, fieldError, type Localized } from '../../common/errors/app-error.js';

/** The users module's errors: each code's message written once, here. */
export const UsersErrors = {
  userNotFound: () => new AppError('USER_NOT_FOUND', { it: 'Utente non trovato.', en: 'User not found.' }),
  /** Whether the applicant does not exist or lies outside the caller's reach: a 403 would confirm to a curious officer that the person is registered. */
  applicantNotFound: () => new AppError('NOT_FOUND', { it: 'Richiedente non trovato.', en: 'Applicant not found.' }),
  staleVersion: () =>
    new AppError('USER_STALE_VERSION', {
      it: "L'account è stato modificato da qualcun altro: ricarica e riprova.",
      en: 'The account was changed by someone else: reload and retry.',
    }),
  applicantStaffSwap: () =>
    new AppError(
      'VALIDATION_FAILED',
      {
        it: 'Un cittadino non può diventare personale e viceversa.',
        en: 'Applicant and staff roles cannot be swapped.',
      },
      {
        errors: [{ field: 'roles', messages: ['roles cannot add or remove APPLICANT'] }],
      },
    ),
  ownAdminRole: () =>
    new AppError('USER_CANNOT_CHANGE_SELF', {
      it: 'Non puoi togliere a te stesso il ruolo di amministratore.',
      en: 'You cannot remove your own ADMIN role.',
    }),
  ownAccountDisabled: () =>
    new AppError('USER_CANNOT_CHANGE_SELF', {
      it: 'Non puoi disabilitare il tuo account.',
      en: 'You cannot disable your own account.',
    }),
  scopeRequired: () =>
    new AppError(
      'USER_SCOPE_REQUIRED',
      {
        it: 'OPERATOR e MANAGER devono avere almeno una ATS o un Ambito.',
        en: 'OPERATOR and MANAGER need at least one ATS or Ambito.',
      },
      {
        errors: [{ field: 'scope', messages: ['scope must name at least one ATS or Ambito for OPERATOR and MANAGER'] }],
      },
    ),
  rolesIncompatible: (broken: { rule: string; why: Localized }) =>
    new AppError('USER_ROLES_INCOMPATIBLE', broken.why, {
      rule: broken.rule,
      errors: [{ field: 'roles', messages: [`${broken.why.en} (rule ${broken.rule})`] }],
    }),
  emailTaken: () =>
    fieldError('USER_EMAIL_TAKEN', 'email', {
      it: 'Questa e-mail è già registrata.',
      en: 'This e-mail is already registered.',
    }),
  wrongCurrentPassword: () =>
    fieldError('AUTH_INVALID_CREDENTIALS', 'currentPassword', {
      it: 'La password attuale non è corretta.',
      en: 'The current password is wrong.',
    }),
  samePassword: () =>
    fieldError('VALIDATION_FAILED', 'newPassword', {
      it: 'La nuova password deve essere diversa da quella attuale.',
      en: 'The new password must differ from the current one.',
    }),
  unknownResidence: () =>
    fieldError('TERRITORY_UNKNOWN_MUNICIPALITY', 'residenceMunicipalityCode', {
      it: 'Comune di residenza sconosciuto (codice ISTAT di un comune lombardo).',
      en: 'Unknown municipality of residence (ISTAT code of a Lombardy municipality).',
    }),
  invalidFiscalCode: () =>
    fieldError('VALIDATION_FAILED', 'fiscalCode', { it: 'Codice fiscale non valido.', en: 'Invalid fiscal code.' }),
  fiscalCodeVerifiedElsewhere: () =>
    new AppError('USER_FISCAL_CODE_VERIFIED_ELSEWHERE', {
      it: 'Questo codice fiscale è già stato verificato con identità digitale su un altro account.',
      en: 'This fiscal code has already been verified with a digital identity on another account.',
    }),
};
