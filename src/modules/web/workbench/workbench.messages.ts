import { defineMessages } from '../i18n/define-messages.js';

/** The workbench's shared texts (its navigation); each section adds its own messages file. */
export const workbenchMessages = defineMessages(
  {
    workbenchNav: 'Sezioni dell’area di lavoro',
    workbenchHome: 'Area di lavoro',
    navQueue: 'Coda di lavoro',
    navBulk: 'Operazioni massive',
    navManager: 'Gestione misure',
    navCentre: 'Le mie pratiche',
  },
  {
    workbenchNav: 'Workbench sections',
    workbenchHome: 'Workbench',
    navQueue: 'Work queue',
    navBulk: 'Bulk operations',
    navManager: 'Measure management',
    navCentre: 'My cases',
  },
);
