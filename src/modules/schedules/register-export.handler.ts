import { Injectable, Logger } from '@nestjs/common';
import type { Job } from 'bullmq';
import { createHash } from 'node:crypto';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { Clock } from '../../common/clock/clock.js';
import { TransactionService } from '../../common/database/transaction.service.js';
import type { JobHandler } from '../../common/queue/job-handler.js';
import { AppConfig } from '../../config/app-config.js';
import { romeDate } from '../../common/clock/rome-date.js';
import { addDays } from '../applications/domain/legal-deadline.js';
import { csvLine } from '../../common/csv/csv.js';

/** What a sealed case shows instead of its measure code in the register export. */
export const SEALED_MEASURE = 'RISERVATA';

/**
 * Daily, after midnight: the previous day's protocol registrations (Rome calendar) as a CSV
 * (protocol number, receipt time, measure code; no personal data, and no measure code for
 * sealed cases) under REGISTER_EXPORT_DIR, with its SHA-256 beside it and in register_exports.
 * Idempotent per day: an advisory lock serialises runs and an existing row is returned as is.
 * Job data `{ day: 'YYYY-MM-DD' }` exports another day (e.g. a rerun).
 */
@Injectable()
export class RegisterExportHandler implements JobHandler<'maintenance'> {
  readonly queue = 'maintenance' as const;
  readonly jobName = 'protocol-register-export';
  private readonly logger = new Logger('RegisterExport');

  constructor(
    private readonly tx: TransactionService,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  async handle(job: Job<{ day?: string }>) {
    const requested = job.data?.day;
    const day =
      requested && /^\d{4}-\d{2}-\d{2}$/.test(requested) ? requested : addDays(romeDate(this.clock.now()), -1);
    return this.tx.run(async (em) => {
      await em.query(`SELECT pg_advisory_xact_lock(hashtext('protocol-register-export'), hashtext($1))`, [day]);
      const [existing] = (await em.query(
        `SELECT day::text AS day, registrations, sha256, path FROM register_exports WHERE day = $1`,
        [day],
      )) as {
        day: string;
        registrations: number;
        sha256: string;
        path: string;
      }[];
      if (existing) return { ...existing, created: false };
      const rows = (await em.query(
        `SELECT a.protocol_number AS "protocolNumber", to_char(a.received_at AT TIME ZONE 'Europe/Rome', 'YYYY-MM-DD"T"HH24:MI:SS.MS') AS "receivedAt",
                CASE WHEN a.sealed THEN $2 ELSE m.code END AS "measureCode"
           FROM applications a JOIN measures m ON m.id = a.measure_id
          WHERE a.received_date = $1 AND a.protocol_seq IS NOT NULL
          ORDER BY a.protocol_year, a.protocol_seq`,
        [day, SEALED_MEASURE],
      )) as { protocolNumber: string; receivedAt: string; measureCode: string }[];
      const csv = [
        csvLine(['protocol_number', 'received_at_europe_rome', 'measure_code']),
        ...rows.map((r) => csvLine([r.protocolNumber, r.receivedAt, r.measureCode])),
      ].join('');
      const sha256 = createHash('sha256').update(csv).digest('hex');
      const dir = resolve(this.config.REGISTER_EXPORT_DIR);
      await mkdir(dir, { recursive: true });
      const path = join(dir, `protocol-register-${day}.csv`);
      await writeFile(`${path}.tmp`, csv);
      await rename(`${path}.tmp`, path);
      await writeFile(`${path}.sha256`, `${sha256}  protocol-register-${day}.csv\n`);
      await em.query(
        `INSERT INTO register_exports (day, registrations, sha256, path, created_at) VALUES ($1, $2, $3, $4, $5)`,
        [day, rows.length, sha256, path, this.clock.now()],
      );
      this.logger.log({ day, registrations: rows.length, sha256 }, 'protocol register exported');
      return { day, registrations: rows.length, sha256, path, created: true };
    });
  }
}
