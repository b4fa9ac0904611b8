import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import nodemailer, { type Transporter } from 'nodemailer';
import { AppConfig } from '../../config/app-config.js';
import type { RenderedMessage } from './templates.js';
import { QUEUES } from '../../common/queue/queues.js';

export type ChannelName = 'email' | 'app_io';

export interface Recipient {
  email: string | null;
  fiscalCode: string | null;
}

/** Not worth retrying on this channel (rejected address, sender not allowed, 4xx): fall back. */
export class PermanentDeliveryError extends Error {}
/** Anything else (connection, timeouts, 4xx SMTP, 429/5xx HTTP): retried with backoff. */
export class TransientDeliveryError extends Error {}

export interface Channel {
  readonly name: ChannelName;
  /** Why the channel cannot reach this recipient at all (disabled, no address), or null. */
  unavailable(recipient: Recipient): string | null;
  /** Sends; resolves to the provider's id of the message. `key` is stable per (notification, channel). */
  send(key: string, recipient: Recipient, message: RenderedMessage): Promise<string>;
}

/** The Message-ID of a notification's e-mail: stable across retries, so a receiver can de-duplicate. */
export const messageIdOf = (notificationId: string) => `<${notificationId}@notifications.sportello>`;

@Injectable()
export class EmailChannel implements Channel, OnApplicationShutdown {
  readonly name = 'email' as const;
  private transport: Transporter | null = null;

  constructor(private readonly config: AppConfig) {}

  unavailable(recipient: Recipient): string | null {
    if (!this.config.SMTP_URL) return 'SMTP_URL not configured';
    if (!recipient.email) return 'recipient has no e-mail address';
    return null;
  }

  async send(key: string, recipient: Recipient, message: RenderedMessage): Promise<string> {
    // Pooled: a few SMTP connections kept open and reused, as many as the queue runs jobs at
    // once. A new connection per message cost ~100 ms each against the SMTP sink and capped a
    // worker at ~95 mails/s (docs/benchmarks.md, bench:notify); pooled, the pipeline does ~10×.
    this.transport ??= nodemailer.createTransport(
      { url: this.config.SMTP_URL!, pool: true, maxConnections: QUEUES.notifications.concurrency },
      { from: this.config.SMTP_FROM },
    );
    const messageId = messageIdOf(key);
    try {
      await this.transport.sendMail({
        to: recipient.email!,
        subject: message.subject,
        text: message.markdown,
        messageId,
        headers: { 'X-Sportello-Notification': key, 'Auto-Submitted': 'auto-generated' },
      });
      return messageId;
    } catch (error) {
      const code = (error as { responseCode?: number }).responseCode;
      const text = error instanceof Error ? error.message : String(error);
      if (code !== undefined && code >= 500 && code < 600) throw new PermanentDeliveryError(`SMTP ${code}: ${text}`);
      throw new TransientDeliveryError(`SMTP${code ? ` ${code}` : ''}: ${text}`);
    }
  }

  close() {
    this.transport?.close();
    this.transport = null;
  }

  /** The pool's idle connections would otherwise keep the process alive after shutdown. */
  onApplicationShutdown() {
    this.close();
  }
}

/**
 * App IO: `POST /api/v1/profiles {fiscal_code}` must say `sender_allowed`, then
 * `POST /api/v1/messages` with `Ocp-Apim-Subscription-Key`. 429 and 5xx are transient; any other
 * 4xx, a missing profile or `sender_allowed: false` are permanent.
 */
@Injectable()
export class AppIoChannel implements Channel {
  readonly name = 'app_io' as const;

  constructor(private readonly config: AppConfig) {}

  unavailable(recipient: Recipient): string | null {
    if (!this.config.APP_IO_BASE_URL || !this.config.APP_IO_API_KEY) return 'App IO not configured';
    if (!recipient.fiscalCode) return 'recipient has no fiscal code';
    return null;
  }

  async send(_key: string, recipient: Recipient, message: RenderedMessage): Promise<string> {
    const profile = (await this.post('/api/v1/profiles', { fiscal_code: recipient.fiscalCode })) as {
      sender_allowed?: boolean;
    };
    if (profile.sender_allowed !== true) throw new PermanentDeliveryError('App IO: sender_allowed is false');
    const sent = (await this.post('/api/v1/messages', {
      fiscal_code: recipient.fiscalCode,
      content: { subject: message.subject, markdown: message.markdown },
    })) as { id?: string };
    return String(sent.id ?? '');
  }

  private async post(path: string, body: unknown): Promise<unknown> {
    let res: Response;
    try {
      res = await fetch(new URL(path, this.config.APP_IO_BASE_URL), {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'Ocp-Apim-Subscription-Key': this.config.APP_IO_API_KEY! },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(10_000),
      });
    } catch (error) {
      throw new TransientDeliveryError(`App IO ${path}: ${error instanceof Error ? error.message : String(error)}`);
    }
    const text = await res.text();
    if (res.status === 429 || res.status >= 500) throw new TransientDeliveryError(`App IO ${path}: HTTP ${res.status}`);
    if (res.status >= 400) throw new PermanentDeliveryError(`App IO ${path}: HTTP ${res.status} ${text.slice(0, 200)}`);
    return text ? JSON.parse(text) : {};
  }
}
