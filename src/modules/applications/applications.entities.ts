import {
  ApplicationAccess,
  ApplicationSnapshot,
  ApplicationTransition,
  EligibilityDecision,
} from './application-records.entity.js';
import { Application } from './application.entity.js';
import { ApplicationDocument } from './documents/application-document.entity.js';

/** The applications module's TypeORM entities (assembled with the others in src/database/entities.ts). */
export const APPLICATIONS_ENTITIES = [
  Application,
  ApplicationSnapshot,
  EligibilityDecision,
  ApplicationTransition,
  ApplicationAccess,
  ApplicationDocument,
];
