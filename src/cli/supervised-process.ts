import { spawn, type ChildProcess } from 'node:child_process';
import type { WriteStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { consoleLineOf } from './child-log-format.js';
import { DEMO_RESTART_POLICY, RestartPolicy } from './restart-policy.js';

export interface ChildSpec {
  /** How the console names it: `api`, `worker`, `redis`. */
  name: string;
  command: string;
  args: string[];
  env?: NodeJS.ProcessEnv;
  /** Everything it prints goes here; the console shows only its pino warnings and errors. */
  log: WriteStream;
  logPath: string;
  /** Exit codes a restart cannot cure (a configuration error): the demo stops at once. */
  fatalExitCodes?: number[];
}

export interface SupervisorHooks {
  say(line: string): void;
  started(name: string, pid: number): void;
  exited(name: string): void;
  /** The child cannot be kept running: the demo stops everything and exits non-zero. */
  gaveUp(name: string, reason: string): void;
}

/** Resolves true if the promise settled within `ms`, false otherwise; never waits longer. */
export function within(promise: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    promise.then(
      () => true,
      () => true,
    ),
    new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), ms))),
  ]).finally(() => clearTimeout(timer));
}

const ERROR_LINE = /^\s*(?:[A-Z]\w*)?(?:Error|Exception)\b|^sportello \w+:/;
const REPEAT_QUIET_MS = 30_000;
const seconds = (ms: number) => `${Math.round(ms / 1000)} s`;

/**
 * One child process of the demo, kept running: its output goes to its log file (pino warnings
 * and errors also to the console, once per 30 s if repeated), a crash is restarted with backoff
 * (RestartPolicy) and said in one console line, and a child that keeps crashing is given up.
 * `stop()` always ends: SIGTERM, then SIGKILL after the grace period.
 */
export class SupervisedProcess {
  private child: ChildProcess | null = null;
  private exited: Promise<void> = Promise.resolve();
  private startedAt = 0;
  private restartTimer: NodeJS.Timeout | null = null;
  private stopping = false;
  private firstError: string | null = null;
  private lastConsole = { text: '', at: 0 };
  private readonly policy = new RestartPolicy();

  constructor(
    private readonly spec: ChildSpec,
    private readonly hooks: SupervisorHooks,
  ) {}

  get name(): string {
    return this.spec.name;
  }

  /** From now on an exit is expected: no restart, no console lines. */
  expectExit(): void {
    this.stopping = true;
    if (this.restartTimer) clearTimeout(this.restartTimer);
  }

  start(): void {
    if (this.stopping) return;
    this.restartTimer = null;
    this.firstError = null;
    this.startedAt = Date.now();
    const child = spawn(this.spec.command, this.spec.args, {
      env: this.spec.env ?? process.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    let gone = false;
    let markExited!: () => void;
    this.exited = new Promise<void>((resolve) => {
      markExited = resolve;
    });
    const onGone = (code: number | null, signal: NodeJS.Signals | null, error?: Error) => {
      if (gone) return;
      gone = true;
      markExited();
      this.hooks.exited(this.spec.name);
      if (!this.stopping) this.crashed(code, signal, error);
    };
    child.once('exit', (code, signal) => onGone(code, signal));
    child.once('error', (error) => onGone(null, null, error));
    createInterface({ input: child.stdout }).on('line', (line) => this.onLine(line, false));
    createInterface({ input: child.stderr }).on('line', (line) => this.onLine(line, true));
    if (child.pid) this.hooks.started(this.spec.name, child.pid);
  }

  /** SIGTERM, SIGKILL after `graceMs`; no restart afterwards. */
  async stop(graceMs: number): Promise<void> {
    this.expectExit();
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    if (!(await within(this.exited, graceMs))) {
      this.hooks.say(`${this.spec.name} did not stop within ${seconds(graceMs)}: killing it.`);
      child.kill('SIGKILL');
      await within(this.exited, 5000);
    }
  }

  /** For a second Ctrl-C: no more waiting. */
  kill(): void {
    this.expectExit();
    this.child?.kill('SIGKILL');
  }

  private onLine(line: string, stderr: boolean) {
    this.spec.log.write(`${line}\n`);
    if (stderr && !this.firstError && ERROR_LINE.test(line)) this.firstError = line.trim();
    const text = !stderr && !this.stopping ? consoleLineOf(this.spec.name, line) : null;
    if (!text) return;
    const now = Date.now();
    if (text === this.lastConsole.text && now - this.lastConsole.at < REPEAT_QUIET_MS) return;
    this.lastConsole = { text, at: now };
    this.hooks.say(text);
  }

  private crashed(code: number | null, signal: NodeJS.Signals | null, error?: Error) {
    const now = Date.now();
    const how = error
      ? `could not be started: ${error.message}`
      : code !== null
        ? `exit code ${code}`
        : `killed by ${signal}`;
    const why = this.firstError ? `${how}, ${this.firstError}` : how;
    const log = `log: ${this.spec.logPath}`;
    if (error || (code !== null && this.spec.fatalExitCodes?.includes(code))) {
      this.hooks.gaveUp(this.spec.name, `${this.spec.name} cannot start (${why}); ${log}`);
      return;
    }
    const decision = this.policy.onCrash(now, now - this.startedAt);
    if (!decision.restart) {
      this.hooks.gaveUp(
        this.spec.name,
        `${this.spec.name} keeps crashing (${decision.crashes} crashes in ${seconds(decision.overMs)}, last: ${why}); ${log}`,
      );
      return;
    }
    this.hooks.say(
      `${this.spec.name} stopped unexpectedly (${why}): restarting it in ${seconds(decision.delayMs)} (crash ${decision.streak} in a row, the demo gives up at ${DEMO_RESTART_POLICY.maxCrashes}; ${log})`,
    );
    this.restartTimer = setTimeout(() => this.start(), decision.delayMs);
  }
}
