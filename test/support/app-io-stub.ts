import { createServer, type Server } from 'node:http';
import { randomUUID } from 'node:crypto';

export interface AppIoStub {
  url: string;
  key: string;
  /** Fiscal codes with a profile that allows the sender; in `blocked`: profile exists, sender_allowed false. */
  allowed: Set<string>;
  blocked: Set<string>;
  messages: { id: string; fiscal_code: string; content: { subject: string; markdown: string } }[];
  close(): Promise<void>;
}

/** A local App IO: the two endpoints Sportello uses, with their authentication and validation errors. */
export async function startAppIoStub(): Promise<AppIoStub> {
  const key = `key-${randomUUID()}`;
  const stub = { allowed: new Set<string>(), blocked: new Set<string>(), messages: [] as AppIoStub['messages'] };
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      const send = (status: number, payload: unknown) => {
        res.writeHead(status, { 'content-type': status >= 400 ? 'application/problem+json' : 'application/json' });
        res.end(JSON.stringify(payload));
      };
      if (req.headers['ocp-apim-subscription-key'] !== key) return send(401, { title: 'Unauthorized', status: 401 });
      let json: { fiscal_code?: string; content?: { subject?: string; markdown?: string } };
      try {
        json = JSON.parse(body);
      } catch {
        return send(400, { title: 'Bad request', status: 400 });
      }
      const fc = String(json.fiscal_code ?? '');
      if (req.method === 'POST' && req.url === '/api/v1/profiles') {
        if (stub.allowed.has(fc)) return send(200, { sender_allowed: true, preferred_languages: ['it_IT'] });
        if (stub.blocked.has(fc)) return send(200, { sender_allowed: false });
        return send(404, { title: 'Profile not found', status: 404 });
      }
      if (req.method === 'POST' && req.url === '/api/v1/messages') {
        const subject = json.content?.subject ?? '';
        const markdown = json.content?.markdown ?? '';
        if (subject.length < 10 || subject.length > 120 || markdown.length < 80 || markdown.length > 10_000) {
          return send(400, { title: 'Invalid content', status: 400 });
        }
        if (!stub.allowed.has(fc)) return send(403, { title: 'Sender not allowed', status: 403 });
        const id = randomUUID();
        stub.messages.push({ id, fiscal_code: fc, content: { subject, markdown } });
        return send(201, { id });
      }
      send(404, { title: 'Not found', status: 404 });
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    key,
    ...stub,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
