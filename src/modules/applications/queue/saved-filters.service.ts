import { Injectable } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { DataSource } from 'typeorm';
import { fieldError } from '../../../common/errors/app-error.js';
import type { Principal } from '../../../common/access/principal.js';
import { WorkQueueQueryDto } from './work-queue.dto.js';

/** The filter keys a saved combination keeps (the queue's own; never a page or a search). */
export const SAVED_FILTER_KEYS = [
  'view',
  'status',
  'measureCode',
  'atsCode',
  'ambitoCode',
  'eligibility',
  'sort',
] as const;
export type SavedFilterValues = Partial<Record<(typeof SAVED_FILTER_KEYS)[number], string>>;

export interface SavedFilter {
  id: string;
  name: string;
  filters: SavedFilterValues;
}

const MAX_SAVED = 20;

/**
 * An officer's own named combinations of the work queue's filters, beside the named ones:
 * each validated as the queue validates its query, each seen and removed by its owner only.
 */
@Injectable()
export class SavedFiltersService {
  constructor(private readonly db: DataSource) {}

  async list(actor: Principal): Promise<SavedFilter[]> {
    return (await this.db.query(
      `SELECT id, name, filters FROM work_queue_saved_filters WHERE user_id = $1 ORDER BY name`,
      [actor.id],
    )) as SavedFilter[];
  }

  async save(actor: Principal, name: string, values: Readonly<Record<string, string>>): Promise<void> {
    const filters: SavedFilterValues = Object.fromEntries(
      SAVED_FILTER_KEYS.filter((k) => values[k]).map((k) => [k, values[k]]),
    );
    const trimmed = name.trim();
    if (trimmed.length < 1 || trimmed.length > 60) {
      throw fieldError('VALIDATION_FAILED', 'filterName', {
        it: 'Dai al filtro un nome di al massimo 60 caratteri.',
        en: 'Give the filter a name of at most 60 characters.',
      });
    }
    const problems = await validate(plainToInstance(WorkQueueQueryDto, { ...filters, limit: 1, offset: 0 }));
    if (problems.length || Object.keys(filters).length === 0) {
      throw fieldError('VALIDATION_FAILED', 'filterName', {
        it: 'Scegli almeno un filtro valido prima di salvarlo.',
        en: 'Choose at least one valid filter before saving it.',
      });
    }
    // One statement: the bound and the name's uniqueness hold without a read-then-write race.
    const rows = (await this.db.query(
      `INSERT INTO work_queue_saved_filters (user_id, name, filters)
       SELECT $1, $2, $3 WHERE (SELECT count(*) FROM work_queue_saved_filters WHERE user_id = $1) < ${MAX_SAVED}
       ON CONFLICT (user_id, name) DO UPDATE SET filters = EXCLUDED.filters RETURNING id`,
      [actor.id, trimmed, JSON.stringify(filters)],
    )) as { id: string }[];
    if (rows.length === 0) {
      throw fieldError('VALIDATION_FAILED', 'filterName', {
        it: `Puoi salvare al massimo ${MAX_SAVED} filtri: eliminane uno.`,
        en: `You can save at most ${MAX_SAVED} filters: remove one.`,
      });
    }
  }

  async remove(actor: Principal, id: string): Promise<void> {
    await this.db.query(`DELETE FROM work_queue_saved_filters WHERE id = $1 AND user_id = $2`, [id, actor.id]);
  }
}
