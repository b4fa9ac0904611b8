/** The media types an application document may have; anything else is refused (415). */
export const DOCUMENT_MEDIA_TYPES = ['application/pdf', 'image/jpeg', 'image/png'] as const;
export type DocumentMediaType = (typeof DOCUMENT_MEDIA_TYPES)[number];

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/**
 * The media type of a document from its content (magic bytes), never from its name or the
 * declared content type: a PNG named ".pdf" is a PNG, a text file named ".pdf" is nothing.
 * - PDF: "%PDF-" within the first 1024 bytes (ISO 32000-1 §7.5.2 tolerates leading bytes) and an
 *   "%%EOF" marker within the last 1024 (a truncated upload is refused);
 * - PNG: the 8-byte signature followed by the IHDR chunk;
 * - JPEG: SOI (FF D8) followed by a marker (FF), and EOI (FF D9) at the end (trailing padding
 *   tolerated).
 */
export function sniffMediaType(bytes: Uint8Array): DocumentMediaType | null {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buf.length >= 16 && buf.subarray(0, 8).equals(PNG_SIGNATURE) && buf.toString('latin1', 12, 16) === 'IHDR') return 'image/png';
  if (buf.length >= 4 && buf[0] === 0xff && buf[1] === 0xd8 && buf[2] === 0xff && hasJpegEnd(buf)) return 'image/jpeg';
  const head = buf.toString('latin1', 0, Math.min(buf.length, 1024));
  const start = head.indexOf('%PDF-');
  if (start >= 0 && /^%PDF-\d\.\d/.test(head.slice(start, start + 8))) {
    const tail = buf.toString('latin1', Math.max(0, buf.length - 1024));
    if (tail.includes('%%EOF')) return 'application/pdf';
  }
  return null;
}

function hasJpegEnd(buf: Buffer): boolean {
  let end = buf.length;
  while (end > 2 && (buf[end - 1] === 0x00 || buf[end - 1] === 0x0a || buf[end - 1] === 0x0d || buf[end - 1] === 0x20)) end--;
  return buf[end - 2] === 0xff && buf[end - 1] === 0xd9;
}

/** The file name as stored and sent back: no path, no control or reserved characters, ≤ 200 chars. */
export function sanitizeFileName(name: string | undefined, mediaType: DocumentMediaType): string {
  const base = (name ?? '').split(/[\\/]/).pop() ?? '';
  const clean = base
    .normalize('NFC')
    .replace(/[\u0000-\u001f\u007f"*:<>?|]/g, '_')
    .replace(/^[.\s]+/, '')
    .trim()
    .slice(-200);
  if (clean) return clean;
  return `documento.${mediaType === 'application/pdf' ? 'pdf' : mediaType === 'image/png' ? 'png' : 'jpg'}`;
}
