import { RefreshToken } from './refresh-token.entity.js';

/** The sessions module's TypeORM entities (assembled with the others in src/database/entities.ts). */
export const SESSIONS_ENTITIES = [RefreshToken];
