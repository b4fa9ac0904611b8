import { SMTPServer } from 'smtp-server';

export interface SunkMail {
  messageId: string | null;
  subject: string | null;
  to: string[];
  raw: string;
  at: Date;
}

export interface SmtpSink {
  port: number;
  mails: SunkMail[];
  /** Addresses (or a predicate) answered `550` at RCPT TO. */
  reject: Set<string>;
  close(): Promise<void>;
}

/** Decodes RFC 2047 encoded words (=?UTF-8?Q?...?= / ?B?) in a header value. */
function decodeWords(value: string): string {
  return value.replace(/=\?([^?]+)\?([QqBb])\?([^?]*)\?=\s*/g, (_m, _charset: string, enc: string, text: string) =>
    enc.toUpperCase() === 'B'
      ? Buffer.from(text, 'base64').toString('utf8')
      : Buffer.from(
          text
            .replace(/_/g, ' ')
            .replace(/=([0-9A-Fa-f]{2})/g, (_x, h: string) => String.fromCharCode(parseInt(h, 16))),
          'latin1',
        ).toString('utf8'),
  );
}

export function headerOf(raw: string, name: string): string | null {
  const head = raw.split(/\r?\n\r?\n/)[0].replace(/\r?\n[ \t]+/g, ' ');
  const line = head.split(/\r?\n/).find((l) => l.toLowerCase().startsWith(`${name.toLowerCase()}:`));
  return line ? decodeWords(line.slice(name.length + 1).trim()) : null;
}

/**
 * An SMTP server that records what arrives (no delivery): the tests' mail sink, and the demo's
 * when no SMTP_URL is configured. `delayMs` slows each DATA to make crash windows observable.
 */
export async function startSmtpSink(
  options: { port?: number; host?: string; delayMs?: number; onMail?: (mail: SunkMail) => void } = {},
): Promise<SmtpSink> {
  const mails: SunkMail[] = [];
  const reject = new Set<string>();
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onRcptTo(address, _session, callback) {
      if (reject.has(address.address.toLowerCase())) {
        const err = Object.assign(new Error('Recipient address rejected: user unknown'), { responseCode: 550 });
        return callback(err);
      }
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const finish = () => {
          const mail: SunkMail = {
            messageId: headerOf(raw, 'Message-ID'),
            subject: headerOf(raw, 'Subject'),
            to: session.envelope.rcptTo.map((r) => r.address),
            raw,
            at: new Date(),
          };
          mails.push(mail);
          options.onMail?.(mail);
          callback();
        };
        if (options.delayMs) setTimeout(finish, options.delayMs);
        else finish();
      });
    },
  });
  server.on('error', () => undefined);
  await new Promise<void>((resolve, reject_) => {
    server.once('error', reject_);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return { port, mails, reject, close: () => new Promise<void>((r) => server.close(() => r())) };
}
