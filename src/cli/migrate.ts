import 'reflect-metadata';
import { withDataSource } from '../database/data-source.js';
import { loadConfigOrExit } from '../config/load-or-exit.js';
import { useRootLoggerForNest } from '../common/logging/logger.js';
import { loadReferenceData } from './reference-data.js';

/** `npm run migrate`: applies pending migrations, then (re)loads the reference data. */
const config = loadConfigOrExit('migrate');
useRootLoggerForNest(config.LOG_LEVEL, 'sportello-migrate');
await withDataSource(config.DATABASE_URL, async (ds) => {
  const applied = await ds.runMigrations({ transaction: 'each' });
  process.stdout.write(`migrations applied: ${applied.map((m) => m.name).join(', ') || 'none pending'}\n`);
  const counts = await loadReferenceData(ds);
  process.stdout.write(`reference data: ${JSON.stringify(counts)}\n`);
});
