/**
 * Notification texts, per event, in Italian and English. Pure: the same row renders the same
 * message every time (a retried send is byte-identical but for transport headers).
 *
 * Sealed measures (violence cases): nothing in the subject, the preview (first line) or the
 * App IO title names the measure or its subject matter; the body too stays neutral and sends
 * the reader to the authenticated area.
 */
export const NOTIFICATION_EVENTS = [
  'receipt',
  'integration_request',
  'pre_rejection_notice',
  'decision_approved',
  'decision_waitlisted',
  'decision_rejected',
  'waitlist_funded',
  'revocation',
  'deadline_reminder',
  'integration_lapsed',
  'email_verification',
  'registration_attempt',
] as const;
export type NotificationEvent = (typeof NOTIFICATION_EVENTS)[number];
export type Language = 'it' | 'en';

export interface TemplateParams {
  protocolNumber: string | null;
  /** The measure's title in the recipient's language; never stored for sealed cases. */
  measureTitle?: string | null;
  /** Days left (integration, observations, reminders). */
  days?: number | null;
  /** Account mails: the link to open (e-mail verification). */
  link?: string | null;
  /** Account mails: hours the link stays valid. */
  hours?: number | null;
}

export interface RenderedMessage {
  subject: string;
  /** The first line of the body: what a push notification or a mail client's preview shows. */
  preview: string;
  /** Markdown body (App IO; the e-mail's text part). */
  markdown: string;
}

/** App IO limits: subject 10-120 characters, markdown 80-10,000. */
export const APP_IO_LIMITS = { subject: [10, 120], markdown: [80, 10_000] } as const;

type Texts = Record<NotificationEvent, { subject: string; body: string }>;

const IT: Texts = {
  receipt: {
    subject: 'Domanda ricevuta: {measure}',
    body: 'La tua domanda per {measure} è stata registrata con protocollo n. {protocol}. La ricevuta è disponibile nella tua area personale.',
  },
  integration_request: {
    subject: 'Richiesta di integrazione: {measure}',
    body: "L'ufficio chiede di integrare la domanda n. {protocol} per {measure} entro {days} giorni. I termini del procedimento sono sospesi fino alla tua risposta.",
  },
  pre_rejection_notice: {
    subject: 'Preavviso di rigetto (art. 10-bis): {measure}',
    body: "L'ufficio comunica i motivi che ostano all'accoglimento della domanda n. {protocol} per {measure}. Puoi presentare osservazioni entro {days} giorni.",
  },
  decision_approved: {
    subject: 'Domanda accolta: {measure}',
    body: 'La domanda n. {protocol} per {measure} è stata accolta. Il provvedimento è disponibile nella tua area personale.',
  },
  decision_waitlisted: {
    subject: 'Domanda ammessa in attesa di fondi: {measure}',
    body: 'La domanda n. {protocol} per {measure} è ammissibile ma i fondi sono esauriti: resta in graduatoria e sarà finanziata in ordine di protocollo se si liberano risorse.',
  },
  decision_rejected: {
    subject: 'Esito della domanda: {measure}',
    body: 'La domanda n. {protocol} per {measure} non è stata accolta. Il provvedimento, con i motivi e i mezzi di ricorso, è disponibile nella tua area personale.',
  },
  waitlist_funded: {
    subject: 'Domanda finanziata: {measure}',
    body: 'Si sono liberate risorse: la domanda n. {protocol} per {measure} è stata finanziata (scorrimento della graduatoria).',
  },
  revocation: {
    subject: 'Revoca del beneficio: {measure}',
    body: 'Il beneficio concesso con la domanda n. {protocol} per {measure} è stato revocato. Il provvedimento è disponibile nella tua area personale.',
  },
  deadline_reminder: {
    subject: 'Promemoria scadenza: {measure}',
    body: 'Restano {days} giorni per rispondere alla richiesta sulla domanda n. {protocol} per {measure}.',
  },
  integration_lapsed: {
    subject: "Termine per l'integrazione scaduto: {measure}",
    body: "Il termine per integrare la domanda n. {protocol} per {measure} è scaduto senza risposta: l'istruttoria riprende con i documenti già presentati.",
  },
  email_verification: {
    subject: 'Conferma il tuo indirizzo e-mail per Sportello',
    body: "Per completare la registrazione a Sportello apri questo link entro {hours} ore: {link} — Se non ti sei registrato tu, ignora questo messaggio: senza conferma l'account non può presentare domande.",
  },
  registration_attempt: {
    subject: 'Tentativo di registrazione con il tuo indirizzo e-mail',
    body: 'Qualcuno ha provato a registrare un nuovo account Sportello con il tuo indirizzo e-mail. Il tuo account non è cambiato. Se eri tu, accedi con le credenziali che hai già; altrimenti ignora questo messaggio.',
  },
};

const EN: Texts = {
  receipt: {
    subject: 'Application received: {measure}',
    body: 'Your application for {measure} was registered with protocol number {protocol}. The receipt is in your personal area.',
  },
  integration_request: {
    subject: 'Additional information requested: {measure}',
    body: 'The office asks you to complete application {protocol} for {measure} within {days} days. The procedure deadline is suspended until you answer.',
  },
  pre_rejection_notice: {
    subject: 'Notice of intended rejection (art. 10-bis): {measure}',
    body: 'The office states the grounds preventing approval of application {protocol} for {measure}. You may submit observations within {days} days.',
  },
  decision_approved: {
    subject: 'Application approved: {measure}',
    body: 'Application {protocol} for {measure} was approved. The decision is in your personal area.',
  },
  decision_waitlisted: {
    subject: 'Application eligible, waiting for funds: {measure}',
    body: 'Application {protocol} for {measure} is eligible but funds are exhausted: it stays on the waiting list and will be funded in protocol order if money becomes available.',
  },
  decision_rejected: {
    subject: 'Outcome of your application: {measure}',
    body: 'Application {protocol} for {measure} was not approved. The decision, with its grounds and how to appeal, is in your personal area.',
  },
  waitlist_funded: {
    subject: 'Application funded: {measure}',
    body: 'Funds became available: application {protocol} for {measure} has been funded from the waiting list.',
  },
  revocation: {
    subject: 'Benefit revoked: {measure}',
    body: 'The benefit granted with application {protocol} for {measure} was revoked. The decision is in your personal area.',
  },
  deadline_reminder: {
    subject: 'Deadline reminder: {measure}',
    body: '{days} days are left to answer the request about application {protocol} for {measure}.',
  },
  integration_lapsed: {
    subject: 'Time to complete your application has run out: {measure}',
    body: 'The time to complete application {protocol} for {measure} ended without an answer: the review continues with the documents already submitted.',
  },
  email_verification: {
    subject: 'Confirm your e-mail address for Sportello',
    body: 'To complete your registration with Sportello open this link within {hours} hours: {link} — If you did not register, ignore this message: without confirmation the account cannot apply.',
  },
  registration_attempt: {
    subject: 'Someone tried to register with your e-mail address',
    body: 'Someone tried to register a new Sportello account with your e-mail address. Your account has not changed. If it was you, log in with the credentials you already have; otherwise ignore this message.',
  },
};

const NEUTRAL = {
  it: {
    subject: 'Aggiornamento sulla tua pratica',
    body: "C'è un aggiornamento sulla pratica n. {protocol}. Accedi a Sportello per leggerlo.",
  },
  en: {
    subject: 'An update on your case',
    body: 'There is an update on case {protocol}. Log in to Sportello to read it.',
  },
};

const FOOTER = {
  it: '\n\n---\nMessaggio automatico di Sportello (Regione Lombardia): non rispondere a questo indirizzo. Accedi alla tua area personale per i dettagli.',
  en: '\n\n---\nAutomatic message from Sportello (Regione Lombardia): do not reply to this address. Log in to your personal area for details.',
};

function fill(text: string, params: TemplateParams, lang: Language, measure: string): string {
  return text
    .replaceAll('{measure}', measure)
    .replaceAll('{protocol}', params.protocolNumber ?? (lang === 'it' ? '(in attesa)' : '(pending)'))
    .replaceAll('{days}', String(params.days ?? '-'))
    .replaceAll('{hours}', String(params.hours ?? '-'))
    .replaceAll('{link}', params.link ?? '-');
}

export function renderNotification(
  event: NotificationEvent,
  lang: Language,
  sealed: boolean,
  params: TemplateParams,
): RenderedMessage {
  const measureFallback = lang === 'it' ? 'la misura' : 'the measure';
  const texts = sealed ? NEUTRAL[lang] : (lang === 'it' ? IT : EN)[event];
  if (!texts) throw new Error(`No template for ${event}`);
  const measure = sealed ? '' : (params.measureTitle ?? measureFallback);
  let subject = fill(texts.subject, params, lang, measure);
  if (subject.length > APP_IO_LIMITS.subject[1]) subject = `${subject.slice(0, APP_IO_LIMITS.subject[1] - 1)}…`;
  const preview = fill(texts.body, params, lang, measure);
  let markdown = `${preview}${FOOTER[lang]}`;
  if (markdown.length > APP_IO_LIMITS.markdown[1]) markdown = `${markdown.slice(0, APP_IO_LIMITS.markdown[1] - 1)}…`;
  return { subject, preview, markdown };
}
