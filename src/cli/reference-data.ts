import type { DataSource } from 'typeorm';
import { loadTerritoryReference } from '../modules/territory/territory-reference.js';

/** Every reference data set the product ships, loaded in one transaction. */
export function loadReferenceData(ds: DataSource) {
  return ds.transaction(async (em) => ({ territory: await loadTerritoryReference(em) }));
}
