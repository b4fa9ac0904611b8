/**
 * The click-day baseline: a minimal Node HTTP server doing one INSERT per request into the same
 * PostgreSQL, with a pool as large as the API's. Started as a child process by run.ts.
 */
import { createServer } from 'node:http';
import pg from 'pg';

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: Number(process.env.POOL_SIZE ?? 10) });
await pool.query(
  `CREATE TABLE IF NOT EXISTS bench_baseline (id bigserial PRIMARY KEY, draft text NOT NULL, received_at timestamptz NOT NULL DEFAULT now())`,
);

const server = createServer((req, res) => {
  const draft = req.url ?? '';
  pool.query('INSERT INTO bench_baseline (draft) VALUES ($1) RETURNING id', [draft]).then(
    (r) => {
      res.writeHead(201, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ id: r.rows[0].id }));
    },
    () => {
      res.writeHead(500);
      res.end();
    },
  );
});
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  process.send?.({ port: typeof address === 'object' && address ? address.port : 0 });
});
process.on('SIGTERM', () => server.close(() => void pool.end().then(() => process.exit(0))));
