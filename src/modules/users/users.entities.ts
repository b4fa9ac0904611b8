import { UserScope } from './user-scope.entity.js';
import { User } from './user.entity.js';

/** The users module's TypeORM entities (assembled with the others in src/database/entities.ts). */
export const USERS_ENTITIES = [User, UserScope];
