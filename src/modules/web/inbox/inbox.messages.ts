import { defineMessages } from '../i18n/define-messages.js';

/** The inbox page's texts. */
export const inboxMessages = defineMessages(
  {
    inboxTitle: 'Messaggi',
    inboxIntro:
      'Le comunicazioni sulle tue domande. Qui restano tutte, anche quelle che hai scelto di non ricevere per e-mail o su App IO.',
    inboxUnread: 'Messaggi non letti: {count}',
    inboxEmpty: 'Non hai messaggi.',
    inboxNew: 'Da leggere',
    inboxReceived: 'Ricevuto il {when}',
    inboxMarkRead: 'Segna come letto',
    inboxMarkReadOf: 'Segna come letto: {subject}',
    inboxOpenCase: 'Apri la domanda',
    inboxLink: 'Messaggi ({count} da leggere)',
    inboxLinkNone: 'Messaggi',
  },
  {
    inboxTitle: 'Messages',
    inboxIntro:
      'What the office tells you about your applications. Every message stays here, also those you chose not to receive by e-mail or on App IO.',
    inboxUnread: 'Unread messages: {count}',
    inboxEmpty: 'You have no messages.',
    inboxNew: 'Unread',
    inboxReceived: 'Received on {when}',
    inboxMarkRead: 'Mark as read',
    inboxMarkReadOf: 'Mark as read: {subject}',
    inboxOpenCase: 'Open the application',
    inboxLink: 'Messages ({count} unread)',
    inboxLinkNone: 'Messages',
  },
);
