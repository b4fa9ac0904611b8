import { Ambito } from './ambito.entity.js';
import { Ats } from './ats.entity.js';
import { Municipality } from './municipality.entity.js';

/** The territory module's TypeORM entities (assembled with the others in src/database/entities.ts). */
export const TERRITORY_ENTITIES = [Ats, Ambito, Municipality];
