import { MeasureVersion } from '../../modules/measures/measure-version.entity.js';
import { Measure } from '../../modules/measures/measure.entity.js';
import { RefreshToken } from '../../modules/sessions/refresh-token.entity.js';
import { Ambito } from '../../modules/territory/ambito.entity.js';
import { Application } from '../../modules/applications/application.entity.js';
import { ApplicationAccess, ApplicationSnapshot, ApplicationTransition, EligibilityDecision } from '../../modules/applications/application-records.entity.js';
import { ApplicationDocument } from '../../modules/applications/documents/application-document.entity.js';
import { Ats } from '../../modules/territory/ats.entity.js';
import { Municipality } from '../../modules/territory/municipality.entity.js';
import { UserScope } from '../../modules/users/user-scope.entity.js';
import { User } from '../../modules/users/user.entity.js';

/** Every entity, listed explicitly (no globbing: ES modules are loaded by import). */
export const ENTITIES = [Ats, Ambito, Municipality, User, UserScope, RefreshToken, Measure, MeasureVersion,
  Application, ApplicationSnapshot, EligibilityDecision, ApplicationTransition, ApplicationAccess,
  ApplicationDocument];
