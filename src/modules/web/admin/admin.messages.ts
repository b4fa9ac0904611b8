import { defineMessages } from '../i18n/define-messages.js';

/** The administrator's pages: the figure of the experience ratings. */
export const adminMessages = defineMessages(
  {
    ratingsTitle: 'Valutazioni dell’esperienza',
    ratingsIntro:
      'Le risposte alla domanda «{question}» della pagina di conferma, per misura. Si contano solo i voti: nessuna risposta è legata a una persona o a una domanda.',
    ratingsAnswers: 'Risposte: {count}',
    ratingsMean: 'Media: {mean} su 5',
    ratingsNone: 'Nessuna risposta finora.',
    ratingsCaption: 'Risposte per valutazione: {title}',
    ratingsColRating: 'Valutazione',
    ratingsColAnswers: 'Risposte',
    ratingsColShare: 'Quota',
    ratingsColBar: 'Grafico',
    ratingsNoMeasures: 'Non ci sono misure.',
  },
  {
    ratingsTitle: 'Experience ratings',
    ratingsIntro:
      'The answers to the confirmation page’s question “{question}”, per measure. Only the ratings are counted: no answer is tied to a person or an application.',
    ratingsAnswers: 'Answers: {count}',
    ratingsMean: 'Mean: {mean} out of 5',
    ratingsNone: 'No answers yet.',
    ratingsCaption: 'Answers per rating: {title}',
    ratingsColRating: 'Rating',
    ratingsColAnswers: 'Answers',
    ratingsColShare: 'Share',
    ratingsColBar: 'Chart',
    ratingsNoMeasures: 'There are no measures.',
  },
);
