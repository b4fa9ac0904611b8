import { defineMessages } from '../i18n/define-messages.js';

/** Texts of the integration answer, the discarding of a draft and the documents' drop zone. */
export const applicationMessages = defineMessages(
  {
    integrationTitle: 'Rispondi alla richiesta di integrazione',
    integrationOpen: 'Rispondi alla richiesta',
    integrationRequestIs: 'L’ufficio chiede:',
    integrationDays:
      'Hai {days} giorni dalla richiesta per rispondere; nel frattempo il termine del procedimento è sospeso.',
    integrationDocuments: 'Documenti da allegare',
    integrationDocumentsIntro:
      'Se l’ufficio chiede un documento, caricalo qui prima di inviare la risposta: resta allegato alla domanda.',
    integrationFields: 'Dati da correggere',
    integrationFieldsIntro:
      'Correggi solo i dati che l’ufficio ti chiede di completare o rettificare. Il beneficiario e il territorio non si cambiano con l’integrazione.',
    integrationSend: 'Invia la risposta all’ufficio',
    integrationNothingChanged: 'Nessun dato modificato: l’ufficio riceve il messaggio e i documenti allegati.',
    actionsColumn: 'Azioni',
    discardTitle: 'Elimina la bozza',
    discardLink: 'Elimina la bozza',
    discardIntro:
      'La bozza per «{measure}» e i documenti allegati saranno cancellati definitivamente. Una domanda già inviata non si elimina: si ritira.',
    discardConfirm: 'Confermo di voler eliminare la bozza',
    discardRequired: 'Per eliminare la bozza spunta la conferma.',
    discardButton: 'Elimina definitivamente',
    discardCancel: 'Torna alla mia area',
    discarded: 'Bozza eliminata.',
    dropHere: 'Oppure trascina qui il file',
    dropOne: 'Trascina un solo file alla volta.',
    dropType: 'Formato non ammesso: sono accettati {types}.',
    dropSize: 'Il file è troppo grande: al massimo {mib} MB.',
  },
  {
    integrationTitle: 'Answer the integration request',
    integrationOpen: 'Answer the request',
    integrationRequestIs: 'The office asks:',
    integrationDays:
      'You have {days} days from the request to answer; meanwhile the procedure’s deadline is suspended.',
    integrationDocuments: 'Documents to attach',
    integrationDocumentsIntro:
      'If the office asks for a document, upload it here before sending your answer: it stays attached to the application.',
    integrationFields: 'Details to correct',
    integrationFieldsIntro:
      'Correct only what the office asks you to complete or amend. The beneficiary and the territory cannot be changed by an answer.',
    integrationSend: 'Send the answer to the office',
    integrationNothingChanged: 'No detail changed: the office receives the message and the attached documents.',
    actionsColumn: 'Actions',
    discardTitle: 'Delete the draft',
    discardLink: 'Delete the draft',
    discardIntro:
      'The draft for “{measure}” and its documents will be deleted for good. An application already sent is not deleted: it is withdrawn.',
    discardConfirm: 'I confirm I want to delete the draft',
    discardRequired: 'To delete the draft tick the confirmation.',
    discardButton: 'Delete for good',
    discardCancel: 'Back to my area',
    discarded: 'Draft deleted.',
    dropHere: 'Or drag the file here',
    dropOne: 'Drag one file at a time.',
    dropType: 'Type not accepted: {types} only.',
    dropSize: 'The file is too large: at most {mib} MB.',
  },
);
