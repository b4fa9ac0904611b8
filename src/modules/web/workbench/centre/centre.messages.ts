import { defineMessages } from '../../i18n/define-messages.js';

/**
 * The centre operator's pages. Titles and headings stay neutral (a shoulder-surfer, a shared
 * screen, the browser history): they name "cases" and "housing", never violence.
 */
export const centreMessages = defineMessages(
  {
    centreTitle: 'Le mie pratiche',
    centreIntro:
      'Le pratiche che hai presentato per le persone seguite dal centro, con il loro stato. Solo tu le vedi, insieme all’ufficio che le esamina.',
    centreEmpty: 'Non hai ancora presentato pratiche.',
    centreNew: 'Nuova pratica: {unit}',
    centreNewTitle: 'Nuova pratica',
    centreCaseTitle: 'Pratica',
    centreCaseHeading: 'Pratica {protocol}',
    centreDraftHeading: 'Pratica in bozza',
    centreContinue: 'Continua la bozza',
    centreOpen: 'Apri la pratica {protocol}',
    centreReceived: 'Ricevuta',
    centreColumnAction: 'Azioni',
    centreStepsNav: 'Passi della pratica',
    centreDataIntro:
      'I dati che le regole della misura chiedono, e solo quelli. Non scrivere l’indirizzo della persona né la sua storia: la pratica non li chiede e non li conserva; restano al centro.',
    centreDataSaved: 'Bozza salvata.',
    centreDocument: 'Documento {n}',
    centreSummaryIntro: 'Controlla i dati prima di inviare: puoi tornare ai passi precedenti per modificarli.',
    centreSummaryData: 'Dati della pratica',
    centreDeclaration:
      'Inviando la pratica dichiari, come operatrice o operatore del centro, che i dati sono quelli riferiti dalla persona e verificati dal centro, e che la persona ha acconsentito alla richiesta (artt. 46, 47 e 76 del DPR 445/2000).',
    centreSend: 'Conferma e invia',
    centreConfirmationTitle: 'Pratica inviata',
    centreSubmitted: 'La pratica è stata ricevuta e protocollata.',
    centreOfficerNotYet: 'Non ancora assegnato: lo vedrai nella pagina della pratica.',
    centreWhatNextBody:
      'L’ufficio esamina la pratica. Se servono altri dati o documenti vedrai la richiesta nella pagina della pratica e potrai rispondere da lì; quando un alloggio è assegnato, la pagina lo mostra.',
    centreBack: 'Torna alle mie pratiche',
    centreOfficeMessages: 'Messaggi dall’ufficio',
    centreNoMessages: 'Nessun messaggio dall’ufficio.',
    centreIntegrationMessage: 'Richiesta di integrazione del {date}',
    centreNoticeMessage: 'Preavviso di rigetto del {date}',
    centreDecisionMessage: 'Decisione del {date}',
    centreEventFlat: 'Alloggio assegnato',
    centreFlatTitle: 'Alloggio',
    centreFlatNone: 'Nessun alloggio assegnato finora.',
    centreFlatAllocated: 'Assegnato il {date}, nella provincia {province}.',
    centreFlatAddress:
      'L’indirizzo è riservato: lo vede solo chi assegna l’alloggio e lo comunica l’ALER direttamente alla persona. Non compare in questa pagina né nella cronologia.',
    centreAnswerLabel: 'La risposta del centro',
    centreObservationsLabel: 'Le osservazioni del centro (art. 10-bis L. 241/1990)',
    centreWithdraw: 'Ritira la pratica',
    centreWithdrawConfirm: 'Confermo di voler ritirare la pratica: non potrà essere ripresa',
    centreWithdrawRequired: 'Per ritirare la pratica spunta la conferma.',
  },
  {
    centreTitle: 'My cases',
    centreIntro:
      'The cases you filed for people the centre follows, with their state. Only you see them, together with the office that examines them.',
    centreEmpty: 'You have not filed any case yet.',
    centreNew: 'New case: {unit}',
    centreNewTitle: 'New case',
    centreCaseTitle: 'Case',
    centreCaseHeading: 'Case {protocol}',
    centreDraftHeading: 'Draft case',
    centreContinue: 'Continue the draft',
    centreOpen: 'Open case {protocol}',
    centreReceived: 'Received',
    centreColumnAction: 'Actions',
    centreStepsNav: 'Steps of the case',
    centreDataIntro:
      'The data the measure’s rules ask for, and nothing else. Do not write the person’s address or story: the case does not ask for them and does not keep them; they stay at the centre.',
    centreDataSaved: 'Draft saved.',
    centreDocument: 'Document {n}',
    centreSummaryIntro: 'Check the data before submitting: you can go back to the previous steps to change it.',
    centreSummaryData: 'Case data',
    centreDeclaration:
      'By submitting the case you declare, as the centre’s operator, that the data are those the person gave and the centre checked, and that the person agreed to the request (DPR 445/2000, arts. 46, 47 and 76).',
    centreSend: 'Confirm and submit',
    centreConfirmationTitle: 'Case submitted',
    centreSubmitted: 'The case was received and registered.',
    centreOfficerNotYet: 'Not assigned yet: you will see it on the case page.',
    centreWhatNextBody:
      'The office examines the case. If more data or documents are needed you will see the request on the case page and can answer from there; when a flat is allocated, the page shows it.',
    centreBack: 'Back to my cases',
    centreOfficeMessages: 'Messages from the office',
    centreNoMessages: 'No message from the office.',
    centreIntegrationMessage: 'Integration request of {date}',
    centreNoticeMessage: 'Notice of intended rejection of {date}',
    centreDecisionMessage: 'Decision of {date}',
    centreEventFlat: 'Flat allocated',
    centreFlatTitle: 'Flat',
    centreFlatNone: 'No flat allocated so far.',
    centreFlatAllocated: 'Allocated on {date}, in the province {province}.',
    centreFlatAddress:
      'The address is confidential: only whoever allocates the flat sees it, and the ALER gives it to the person directly. It is not on this page nor in the timeline.',
    centreAnswerLabel: 'The centre’s answer',
    centreObservationsLabel: 'The centre’s observations (art. 10-bis L. 241/1990)',
    centreWithdraw: 'Withdraw the case',
    centreWithdrawConfirm: 'I confirm I want to withdraw the case: it cannot be resumed',
    centreWithdrawRequired: 'To withdraw the case tick the confirmation.',
  },
);
