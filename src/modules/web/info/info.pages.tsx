import type { Lang } from '../i18n/lang.js';
import { Layout } from '../layout/layout.js';
import type { PageRoute } from '../page.js';
import type { PortalServices } from '../portal-services.js';

const PUBLIC = { kind: 'public' } as const;

/** The statement's sections (AgID guidelines): the deployment completes the dated parts. */
const ACCESSIBILITY: Record<Lang, { h: string; p: string }[]> = {
  it: [
    {
      h: 'Stato di conformità',
      p: 'Il servizio è progettato per essere conforme ai requisiti della norma UNI CEI EN 301549 e alle WCAG 2.1 livello AA. Ogni pagina è verificata automaticamente con axe-core, in italiano e in inglese, e il percorso principale è provato con la sola tastiera e con JavaScript disattivato.',
    },
    {
      h: 'Come è fatto',
      p: 'Le pagine sono HTML generato dal server: funzionano senza JavaScript, hanno un collegamento per saltare al contenuto, etichette per ogni campo e un riepilogo degli errori collegato ai campi.',
    },
    {
      h: 'Segnalazioni',
      p: 'Puoi segnalare un problema di accessibilità all’ente che gestisce il servizio; se la risposta non è soddisfacente puoi rivolgerti al Difensore civico per il digitale presso AgID.',
    },
    {
      h: 'Dichiarazione',
      p: 'La dichiarazione formale, con la data di redazione e l’esito della valutazione, è pubblicata dall’ente sul sito di AgID (form.agid.gov.it) al momento della messa in esercizio.',
    },
  ],
  en: [
    {
      h: 'Compliance status',
      p: 'The service is designed to meet standard UNI CEI EN 301549 and WCAG 2.1 level AA. Every page is checked automatically with axe-core, in Italian and in English, and the main journey is tested with the keyboard only and with JavaScript turned off.',
    },
    {
      h: 'How it is built',
      p: 'Pages are HTML rendered by the server: they work without JavaScript, have a link to skip to the content, a label for every field and an error summary linked to the fields.',
    },
    {
      h: 'Feedback',
      p: 'You can report an accessibility problem to the body running the service; if the answer is not satisfactory you can turn to the Digital Ombudsman at AgID.',
    },
    {
      h: 'Statement',
      p: 'The formal statement, with its date and the outcome of the assessment, is published by the body on AgID’s site (form.agid.gov.it) when the service goes live.',
    },
  ],
};

const PRIVACY: Record<Lang, { h: string; p: string }[]> = {
  it: [
    {
      h: 'Titolare del trattamento',
      p: 'Il titolare è l’ente indicato in testata, che gestisce le misure; per ogni misura l’ente gestore è indicato nella sua pagina.',
    },
    {
      h: 'Quali dati e perché',
      p: 'Trattiamo i dati del tuo account e delle domande che presenti per istruire e decidere le domande (art. 6.1.e e art. 9.2.g del Regolamento UE 2016/679). La verifica dei requisiti senza accesso non salva nulla.',
    },
    {
      h: 'Cookie',
      p: 'Il portale usa solo cookie tecnici: uno di sessione, che scade con l’inattività o all’uscita, e uno che ricorda la lingua scelta. Nessun cookie di profilazione o di terze parti, nessuna risorsa caricata da altri siti.',
    },
    {
      h: 'Conservazione e diritti',
      p: 'I dati sono conservati per il tempo previsto dalle norme sul procedimento. Puoi chiedere accesso, rettifica e limitazione all’ente e al suo Responsabile della protezione dei dati, e reclamare al Garante per la protezione dei dati personali.',
    },
  ],
  en: [
    {
      h: 'Controller',
      p: 'The controller is the body named in the header, which runs the measures; each measure’s managing body is named on its page.',
    },
    {
      h: 'Which data and why',
      p: 'We process your account’s data and your applications’ data to examine and decide them (art. 6.1.e and art. 9.2.g of Regulation (EU) 2016/679). Checking the requirements without logging in stores nothing.',
    },
    {
      h: 'Cookies',
      p: 'The portal uses technical cookies only: a session cookie, which ends with inactivity or at logout, and one that remembers your language. No profiling or third-party cookies, no resource loaded from other sites.',
    },
    {
      h: 'Retention and rights',
      p: 'Data are kept for the time the rules on the procedure require. You can ask the body and its Data Protection Officer for access, rectification and restriction, and complain to the Italian Data Protection Authority (Garante).',
    },
  ],
};

export function infoPages(_s: PortalServices): PageRoute[] {
  const page = (
    url: string,
    titleKey: 'accessibilityTitle' | 'privacyTitle',
    sections: Record<Lang, { h: string; p: string }[]>,
  ): PageRoute => ({
    method: 'GET',
    url,
    policy: PUBLIC,
    handler: async (ctx) => ({
      html: (
        <Layout chrome={ctx.chrome()} title={ctx.t(titleKey)} crumbs={[{ label: ctx.t(titleKey) }]}>
          <h1>{ctx.t(titleKey)}</h1>
          {sections[ctx.lang].map((s) => (
            <section key={s.h}>
              <h2 class="h4">{s.h}</h2>
              <p>{s.p}</p>
            </section>
          ))}
        </Layout>
      ),
    }),
  });
  return [page('/accessibilita', 'accessibilityTitle', ACCESSIBILITY), page('/privacy', 'privacyTitle', PRIVACY)];
}
