import type { Readable } from 'node:stream';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

const brotli = promisify(brotliCompress);
const gzipped = promisify(gzip);

/** Text worth compressing; fonts (woff2) and PDFs are compressed already. */
const COMPRESSIBLE = /^(text\/(html|css|javascript)|image\/svg\+xml|application\/javascript)\b/;
const MIN_BYTES = 1024;

type Encoding = 'br' | 'gzip';

/** The encoding the browser accepts, brotli first; null for none (or q=0). */
export function acceptedEncoding(header: string | undefined): Encoding | null {
  const offered = new Map(
    (header ?? '').split(',').map((part) => {
      const [name, ...params] = part.trim().toLowerCase().split(';');
      const q = params.map((p) => /^\s*q=([\d.]+)/.exec(p)?.[1]).find(Boolean);
      return [name, q === undefined ? 1 : Number(q)] as const;
    }),
  );
  for (const e of ['br', 'gzip'] as const) if ((offered.get(e) ?? 0) > 0) return e;
  return null;
}

async function bytesOf(payload: unknown): Promise<Buffer | null> {
  if (typeof payload === 'string') return Buffer.from(payload);
  if (Buffer.isBuffer(payload)) return payload;
  if (payload && typeof (payload as Readable).pipe === 'function') {
    const chunks: Buffer[] = [];
    for await (const chunk of payload as Readable) chunks.push(Buffer.from(chunk as Buffer));
    return Buffer.concat(chunks);
  }
  return null;
}

const compress = (bytes: Buffer, encoding: Encoding, quality: number) =>
  encoding === 'br'
    ? brotli(bytes, {
        params: { [constants.BROTLI_PARAM_QUALITY]: quality, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length },
      })
    : gzipped(bytes, { level: Math.min(9, quality) });

/**
 * Compresses the portal's text answers for browsers that accept it. The served files under
 * `/assets/` never change while the process runs: each is compressed once, at the highest
 * level, and kept (Bootstrap Italia's stylesheet goes from about 600 KiB to under 70). Pages are
 * compressed per answer at a fast level. Range requests and partial answers are left alone.
 */
export function compressResponses(scope: FastifyInstance): void {
  const assets = new Map<string, Promise<Buffer>>();
  scope.addHook('onSend', async (req: FastifyRequest, reply: FastifyReply, payload: unknown) => {
    const type = String(reply.getHeader('content-type') ?? '');
    reply.header('vary', 'accept-encoding');
    const encoding = acceptedEncoding(req.headers['accept-encoding']);
    if (!encoding || reply.statusCode !== 200 || req.headers.range || !COMPRESSIBLE.test(type)) return payload;
    if (reply.getHeader('content-encoding')) return payload;
    const asset = req.url.startsWith('/assets/');
    const key = `${encoding} ${req.url.split('?')[0]}`;
    let compressed = asset ? assets.get(key) : undefined;
    if (compressed) {
      (payload as Partial<Readable> | null)?.destroy?.();
    } // the file stream is not needed
    else {
      const bytes = await bytesOf(payload);
      if (!bytes || bytes.length < MIN_BYTES) return bytes ?? payload;
      compressed = compress(bytes, encoding, asset ? 11 : 5);
      if (asset) assets.set(key, compressed);
    }
    reply.header('content-encoding', encoding);
    reply.removeHeader('content-length');
    return compressed;
  });
}
