import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The built `npm run demo` as a user runs it, in its own process group, its console captured. */
export interface DemoRun {
  child: ChildProcess;
  output(): string;
  exit: Promise<number | null>;
  /** The demo's pid file: `{ demo, api, worker, redis? }`. */
  pids(): Record<string, number>;
  mails(): string[];
  /** Every pid the pid file listed while the demo ran, and the embedded PostgreSQL's, with its command line. */
  seen: Map<number, string>;
  /** SIGKILLs the group and every process it listed: for afterAll, whatever happened. */
  kill(): void;
}

export function startDemo(dataDir: string, env: NodeJS.ProcessEnv): DemoRun {
  const vars: NodeJS.ProcessEnv = { ...process.env, SPORTELLO_DATA_DIR: dataDir, ...env };
  delete vars.DATABASE_URL;
  delete vars.JWT_ACCESS_SECRET;
  delete vars.LOG_LEVEL;
  for (const [k, v] of Object.entries(env)) if (v === undefined) delete vars[k];
  let output = '';
  const child = spawn(process.execPath, ['dist/src/cli/demo.js'], {
    env: vars,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const seen = new Map<number, string>();
  const see = (pid: number) => {
    if (pid > 0 && !seen.has(pid)) seen.set(pid, commandOf(pid));
  };
  const pids = (): Record<string, number> => {
    try {
      return JSON.parse(readFileSync(join(dataDir, 'demo.pids.json'), 'utf8')) as Record<string, number>;
    } catch {
      return {};
    }
  };
  const watch = setInterval(() => {
    for (const [name, pid] of Object.entries(pids())) if (name !== 'demo') see(pid);
    try {
      see(Number(readFileSync(join(dataDir, 'postgres', 'postmaster.pid'), 'utf8').split('\n')[0]));
    } catch {
      // PostgreSQL not running
    }
  }, 100);
  void exit.then(() => clearInterval(watch));
  return {
    child,
    output: () => output,
    exit,
    pids,
    seen,
    mails: () => (existsSync(join(dataDir, 'mails')) ? readdirSync(join(dataDir, 'mails')) : []),
    kill: () => {
      clearInterval(watch);
      // The group only while the demo runs (its id could be reused once the demo is gone).
      if (child.pid && child.exitCode === null && child.signalCode === null) process.kill(-child.pid, 'SIGKILL');
      // Only if the pid still runs the same command: after a clean stop it may be someone else's.
      const same = (was: string, now: string) =>
        was === now || (was.includes('redis-server') && now.includes('redis-server')); // it renames itself
      for (const [pid, command] of seen) {
        if (command && isRunning(pid) && same(command, commandOf(pid))) process.kill(pid, 'SIGKILL');
      }
    },
  };
}

/** Running and not a zombie (a process killed but not yet reaped by its parent is gone). */
export function isRunning(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}

export function commandOf(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
  } catch {
    return '';
  }
}

export async function until<T>(probe: () => T | Promise<T>, ms: number, what: string): Promise<NonNullable<T>> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

export const readyStatus = (base: string) =>
  fetch(`${base}/api/v1/health/ready`).then(
    (r) => r.status,
    () => 0,
  );

export async function login(
  base: string,
  email: string,
  password: string,
): Promise<{ status: number; accessToken?: string }> {
  const res = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  const body = (await res.json()) as { accessToken?: string };
  return { status: res.status, accessToken: body.accessToken };
}

/** The printed credentials of a role: `ROLE  email  password`. */
export function credentialsOf(output: string, role: string): { email: string; password: string } {
  const match = new RegExp(`^\\s+${role}\\s+(\\S+@\\S+)\\s+(\\S+)$`, 'm').exec(output);
  if (!match) throw new Error(`no ${role} credentials in the demo output`);
  return { email: match[1], password: match[2] };
}
