import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';

const commandOf = (pid: number): string => {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
  } catch {
    return '';
  }
};

/** Running and not a zombie: an orphan killed here may wait a while for init to reap it. */
function running(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat[stat.lastIndexOf(')') + 2] !== 'Z';
  } catch {
    return false;
  }
}

async function end(pid: number, signal: NodeJS.Signals): Promise<void> {
  process.kill(pid, signal);
  const deadline = Date.now() + 10_000;
  while (running(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  if (running(pid)) process.kill(pid, 'SIGKILL');
}

export type Leftovers = { running: 'demo'; pid: number } | { running: null; stopped: string[] };

/**
 * A demo killed outright (kill -9, a closed container) leaves its API, worker, Redis and
 * PostgreSQL running, holding the ports and the database folder the next run needs. Its pid file
 * names them; each is stopped if it still runs the same program (a pid may have been reused).
 * If that demo itself still runs, nothing is touched.
 */
export async function stopLeftovers(pidFile: string, root: string, postgresDir: string): Promise<Leftovers> {
  const stopped: string[] = [];
  if (existsSync(pidFile)) {
    let pids: Record<string, number> = {};
    try {
      pids = JSON.parse(readFileSync(pidFile, 'utf8')) as Record<string, number>;
    } catch {
      // unreadable: nothing to stop
    }
    if (pids.demo && pids.demo !== process.pid && commandOf(pids.demo).includes('cli/demo.js')) {
      return { running: 'demo', pid: pids.demo };
    }
    const programs: Record<string, string> = {
      api: resolve(root, 'dist/src/main.js'),
      worker: resolve(root, 'dist/src/worker.js'),
      redis: 'redis-server',
    };
    for (const [name, program] of Object.entries(programs)) {
      const pid = pids[name];
      if (pid && commandOf(pid).includes(program)) {
        await end(pid, 'SIGTERM');
        stopped.push(`${name} (pid ${pid})`);
      }
    }
  }
  const postmaster = resolve(postgresDir, 'postmaster.pid');
  const pgPid = existsSync(postmaster) ? Number(readFileSync(postmaster, 'utf8').split('\n')[0]) : 0;
  if (pgPid && commandOf(pgPid).includes(`postgres -D ${postgresDir}`)) {
    await end(pgPid, 'SIGINT'); // PostgreSQL's fast shutdown
    stopped.push(`PostgreSQL (pid ${pgPid})`);
  }
  return { running: null, stopped };
}
