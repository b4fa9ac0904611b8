import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock } from '../../../common/clock/clock.js';

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
}
