import { APPLICATIONS_ENTITIES } from '../modules/applications/applications.entities.js';
import { MEASURES_ENTITIES } from '../modules/measures/measures.entities.js';
import { SESSIONS_ENTITIES } from '../modules/sessions/sessions.entities.js';
import { TERRITORY_ENTITIES } from '../modules/territory/territory.entities.js';
import { USERS_ENTITIES } from '../modules/users/users.entities.js';

/** Every entity, listed explicitly by the module that owns it (no globbing: ES modules are loaded by import). */
export const ENTITIES = [
  ...TERRITORY_ENTITIES,
  ...USERS_ENTITIES,
  ...SESSIONS_ENTITIES,
  ...MEASURES_ENTITIES,
  ...APPLICATIONS_ENTITIES,
];
