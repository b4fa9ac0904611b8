import 'reflect-metadata';
import { withDataSource } from '../database/data-source.js';
import { loadConfigOrExit } from '../config/load-or-exit.js';
import { useRootLoggerForNest } from '../common/logging/logger.js';
import { verifyAuditLog } from '../modules/audit-log/audit-verifier.js';

/** `npm run audit:verify`: walks the audit hash chain; exits 1 naming the first broken entry. */
const config = loadConfigOrExit('audit-verify');
useRootLoggerForNest(config.LOG_LEVEL, 'sportello-audit-verify');
const report = await withDataSource(config.DATABASE_URL, (ds) => verifyAuditLog(ds));
if (report.ok) {
  process.stdout.write(`audit chain ok: ${report.checked} entries verified\n`);
} else {
  const b = report.firstBroken!;
  process.stdout.write(`${JSON.stringify(report)}\n`);
  process.stderr.write(
    `audit chain BROKEN at seq ${b.seq} (id ${b.id}): ${b.reason} mismatch, expected ${b.expected}, stored ${b.stored}; ${report.checked} entries before it are intact\n`,
  );
  process.exitCode = 1;
}
