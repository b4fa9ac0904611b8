import { defineMessages } from '../i18n/define-messages.js';

/** The profile page's texts (the residence field's are shared with registration). */
export const profileMessages = defineMessages(
  {
    profileTitle: 'Profilo e notifiche',
    profileData: 'I tuoi dati',
    profileReadOnly: 'L’e-mail e il codice fiscale identificano l’account e non si cambiano da qui.',
    profileLanguage: 'Lingua delle comunicazioni',
    languageIt: 'Italiano',
    languageEn: 'English',
    profileSave: 'Salva i dati',
    profileSaved: 'Dati salvati.',
    residence: 'Comune di residenza',
    residenceHint:
      'Un comune della Lombardia, per esempio Milano. Serve a indirizzare le domande all’ufficio del tuo territorio.',
    residenceUnknown: 'Non troviamo un comune lombardo con questo nome: controlla come è scritto.',
    residenceAmbiguous: 'Più comuni hanno questo nome: aggiungi la provincia tra parentesi, per esempio «Nome (BG)».',
    residenceNone: 'Non indicato',
    notificationsTitle: 'Come ricevere le comunicazioni',
    notificationsIntro:
      'Ogni comunicazione resta sempre nei tuoi messaggi. Qui scegli se ricevere anche una copia per e-mail o su App IO delle comunicazioni che la legge non richiede: la copia della ricevuta, i promemoria delle scadenze, l’avviso di un termine scaduto.',
    notificationsAlways:
      'Le richieste di integrazione, i preavvisi di rigetto (art. 10-bis), gli esiti, le revoche e i messaggi sulla sicurezza dell’account ti raggiungono comunque: la legge richiede che ti siano comunicati, perché fanno decorrere termini o producono effetti.',
    notifyCopies: 'Per le comunicazioni non obbligatorie ricevi una copia anche',
    notifyEmail: 'per e-mail',
    notifyAppIo: 'su App IO',
    notificationsSave: 'Salva le preferenze',
    notificationsSaved: 'Preferenze salvate.',
    passwordTitle: 'Cambia la password',
    currentPassword: 'Password attuale',
    newPassword: 'Nuova password',
    passwordSave: 'Cambia la password',
    passwordSaved: 'Password cambiata. Le altre sessioni aperte con il tuo account sono state chiuse.',
  },
  {
    profileTitle: 'Profile and notifications',
    profileData: 'Your details',
    profileReadOnly: 'The e-mail address and the fiscal code identify the account and are not changed here.',
    profileLanguage: 'Language of our messages',
    languageIt: 'Italiano',
    languageEn: 'English',
    profileSave: 'Save your details',
    profileSaved: 'Details saved.',
    residence: 'Municipality of residence',
    residenceHint:
      'A municipality in Lombardy, for example Milano. It sends your applications to the office of your area.',
    residenceUnknown: 'We find no Lombardy municipality with this name: check how it is spelt.',
    residenceAmbiguous: 'Several municipalities have this name: add the province in brackets, for example “Name (BG)”.',
    residenceNone: 'Not given',
    notificationsTitle: 'How to receive our messages',
    notificationsIntro:
      'Every message always stays in your messages. Here you choose whether to also receive a copy by e-mail or on App IO of the messages the law does not require: the copy of the receipt, deadline reminders, the notice of a term that ran out.',
    notificationsAlways:
      'Integration requests, notices of intended rejection (art. 10-bis), decisions, revocations and messages about your account’s security reach you anyway: the law requires them to be communicated to you, because terms run or effects follow from them.',
    notifyCopies: 'For the messages the law does not require, also send me a copy',
    notifyEmail: 'by e-mail',
    notifyAppIo: 'on App IO',
    notificationsSave: 'Save preferences',
    notificationsSaved: 'Preferences saved.',
    passwordTitle: 'Change your password',
    currentPassword: 'Current password',
    newPassword: 'New password',
    passwordSave: 'Change password',
    passwordSaved: 'Password changed. Your account’s other open sessions have been closed.',
  },
);
