import type { DataSource } from 'typeorm';
import { loadReferenceMeasures } from '../modules/measures/reference-measures-loader.js';
import { loadTerritoryReference } from '../modules/territory/territory-reference.js';

/** Every reference data set the product ships, loaded in one transaction. */
export function loadReferenceData(ds: DataSource) {
  return ds.transaction(async (em) => ({
    territory: await loadTerritoryReference(em),
    measures: await loadReferenceMeasures(em),
  }));
}
