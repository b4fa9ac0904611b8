import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock } from '../../../common/clock/clock.js';
import { measureNotFound } from '../../measures/measures.errors.js';

export const RATING_VALUES = [1, 2, 3, 4, 5] as const;

/** One measure's answers: how many, how many per rating (1 to 5, each present), their mean. */
export interface RatingFigure {
  measureCode: string;
  title: { it: string; en: string };
  answers: number;
  distribution: { rating: number; answers: number }[];
  /** Rounded to two decimals; null with no answers. */
  mean: number | null;
}

/** The one-question rating of the experience after a submission: counts per measure and day. */
@Injectable()
export class ExperienceRatingService {
  constructor(
    private readonly db: DataSource,
    private readonly clock: Clock,
  ) {}

  /**
   * Counts one answer for the measure, once per application (the caller checked that the
   * application is the person's own and registered). False when it was already rated.
   */
  record(applicationId: string, measureCode: string, rating: number): Promise<boolean> {
    return this.db.transaction(async (em) => {
      const given = (await em.query(
        `INSERT INTO experience_ratings_given (application_id) VALUES ($1) ON CONFLICT DO NOTHING RETURNING application_id`,
        [applicationId],
      )) as unknown[];
      if (!given.length) return false;
      const day = this.clock.now().toISOString().slice(0, 10);
      await em.query(
        `INSERT INTO experience_ratings (measure_code, rated_on, rating, answers) VALUES ($1, $2, $3, 1)
         ON CONFLICT (measure_code, rated_on, rating) DO UPDATE SET answers = experience_ratings.answers + 1`,
        [measureCode, day, rating],
      );
      return true;
    });
  }

  async rated(applicationId: string): Promise<boolean> {
    const rows = (await this.db.query(`SELECT 1 FROM experience_ratings_given WHERE application_id = $1`, [
      applicationId,
    ])) as unknown[];
    return rows.length > 0;
  }

  /**
   * Every measure's figure (those not rated yet with zero answers), titled by its latest
   * version; one measure's when a code is given (MEASURE_NOT_FOUND if there is none).
   */
  async figures(code?: string): Promise<RatingFigure[]> {
    const rows = (await this.db.query(
      `SELECT m.code, v.definition->'title' AS title, r.rating, coalesce(r.answers, 0)::int AS answers
         FROM measures m
         JOIN LATERAL (SELECT definition FROM measure_versions WHERE measure_id = m.id ORDER BY version DESC LIMIT 1) v ON true
         LEFT JOIN (SELECT measure_code, rating, sum(answers)::int AS answers FROM experience_ratings GROUP BY 1, 2) r
           ON r.measure_code = m.code
        WHERE $1::text IS NULL OR m.code = $1
        ORDER BY m.code`,
      [code ?? null],
    )) as { code: string; title: { it: string; en: string }; rating: number | null; answers: number }[];
    if (code && !rows.length) throw measureNotFound();
    const byCode = new Map<string, RatingFigure>();
    for (const row of rows) {
      const figure =
        byCode.get(row.code) ??
        byCode
          .set(row.code, {
            measureCode: row.code,
            title: row.title,
            answers: 0,
            distribution: RATING_VALUES.map((rating) => ({ rating, answers: 0 })),
            mean: null,
          })
          .get(row.code)!;
      if (row.rating === null) continue;
      figure.distribution[row.rating - 1].answers = row.answers;
      figure.answers += row.answers;
    }
    for (const f of byCode.values()) {
      const sum = f.distribution.reduce((acc, d) => acc + d.rating * d.answers, 0);
      f.mean = f.answers ? Math.round((sum / f.answers) * 100) / 100 : null;
    }
    return [...byCode.values()];
  }
}
