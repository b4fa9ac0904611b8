import { IdentityAndTerritory1767000000000 } from './1767000000000-identity-and-territory.js';

/** Every migration, in order. New migrations are appended here. */
export const MIGRATIONS = [IdentityAndTerritory1767000000000];
