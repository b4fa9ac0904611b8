import { MeasureVersion } from './measure-version.entity.js';
import { Measure } from './measure.entity.js';

/** The measures module's TypeORM entities (assembled with the others in src/database/entities.ts). */
export const MEASURES_ENTITIES = [Measure, MeasureVersion];
