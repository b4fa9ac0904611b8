import { Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { Queue } from 'bullmq';
import type { AppConfig } from '../../config/app-config.js';
import { QUEUES, type QueueKey } from './queues.js';

/**
 * The loop every outbox relay shares: a BullMQ queue opened at bootstrap, one pass (`tick`) at a
 * time on a timer, never two at once, and at shutdown the timer stopped, the pass in flight
 * awaited and the queue closed. A subclass says what one pass moves from its table to the queue.
 */
export abstract class PollingRelay implements OnApplicationBootstrap, OnApplicationShutdown {
  protected readonly logger: Logger;
  protected queue!: Queue;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  protected stopped = false;

  protected constructor(
    protected readonly config: AppConfig,
    private readonly queueKey: QueueKey,
    name: string,
  ) {
    this.logger = new Logger(name);
  }

  /** One pass; public for tests. Returns how many rows it queued. */
  abstract tick(): Promise<number>;

  /** The pause between passes. */
  protected abstract intervalMs(): number;

  onApplicationBootstrap() {
    this.queue = new Queue(QUEUES[this.queueKey].name, {
      connection: { url: this.config.REDIS_URL },
      prefix: this.config.REDIS_PREFIX,
    });
    this.queue.on('error', (err) => this.logger.warn({ err: err.message }, 'redis error'));
    this.schedule(0);
  }

  async onApplicationShutdown() {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
    await this.queue?.close();
  }

  private schedule(delay: number) {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.tick()
        .then(() => undefined)
        .catch((err: unknown) =>
          this.logger.warn({ err: err instanceof Error ? err.message : String(err) }, 'relay tick failed'),
        )
        .finally(() => {
          this.running = null;
          this.schedule(this.intervalMs());
        });
    }, delay);
  }
}
