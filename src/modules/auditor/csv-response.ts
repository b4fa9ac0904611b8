import { Readable } from 'node:stream';
import type { FastifyReply } from 'fastify';

/**
 * Starts a CSV download only once its first chunk exists: the generator's first step runs the
 * first query (and any check of the filters), so a bad filter is a problem+json answer, not a
 * 200 with a header and a cut stream. The rest is a pull stream: the next batch is read from
 * PostgreSQL only when the socket drains.
 */
export async function csvResponse(reply: FastifyReply, name: string, lines: AsyncGenerator<string>): Promise<Readable> {
  const first = await lines.next();
  reply
    .header('content-type', 'text/csv; charset=utf-8')
    .header('content-disposition', `attachment; filename="${name}"`);
  async function* all() {
    if (!first.done) yield first.value;
    yield* lines;
  }
  return Readable.from(all(), { objectMode: false, highWaterMark: 64 * 1024 });
}
