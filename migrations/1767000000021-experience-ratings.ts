import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The portal's one-question rating of the experience, kept as counts only (measure, day,
 * rating → how many), so no row can be tied to a person or an application, not even by its
 * order or time. A second table remembers which applications have been rated, not how, so each
 * is rated once.
 */
export class ExperienceRatings1767000000021 implements MigrationInterface {
  name = 'ExperienceRatings1767000000021';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE experience_ratings (
        measure_code text NOT NULL,
        rated_on date NOT NULL,
        rating smallint NOT NULL CHECK (rating BETWEEN 1 AND 5),
        answers integer NOT NULL CHECK (answers > 0),
        PRIMARY KEY (measure_code, rated_on, rating)
      );
      CREATE TABLE experience_ratings_given (
        application_id uuid PRIMARY KEY REFERENCES applications(id) ON DELETE CASCADE
      );
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE experience_ratings_given; DROP TABLE experience_ratings;`);
  }
}
