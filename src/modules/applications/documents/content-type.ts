/** The media types an application document may have; anything else is refused (415). */
export const DOCUMENT_MEDIA_TYPES = ['application/pdf', 'image/jpeg', 'image/png'] as const;
export type DocumentMediaType = (typeof DOCUMENT_MEDIA_TYPES)[number];

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/**
 * The media type of a document from its content (magic bytes), never from its name or the
 * declared content type: a PNG named ".pdf" is a PNG, a text file named ".pdf" is nothing.
 * - PDF: "%PDF-1.x" or "%PDF-2.x" at byte 0 and an "%%EOF" marker within the last 1024 (a
 *   truncated upload is refused). Readers tolerate leading bytes (ISO 32000-1 §7.5.2), which is
 *   how an executable or an HTML page with "%PDF-" further in passes for a PDF: not accepted;
 * - PNG: the 8-byte signature followed by the IHDR chunk;
 * - JPEG: SOI (FF D8) followed by a marker (FF), and EOI (FF D9) at the end (trailing padding
 *   tolerated).
 */
export function sniffMediaType(bytes: Uint8Array): DocumentMediaType | null {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buf.length >= 16 && buf.subarray(0, 8).equals(PNG_SIGNATURE) && buf.toString('latin1', 12, 16) === 'IHDR') {
    return 'image/png';
  }
  if (buf.length >= 4 && buf[0] === 0xff && buf[1] === 0xd8 && buf[2] === 0xff && hasJpegEnd(buf)) return 'image/jpeg';
  if (/^%PDF-[12]\.\d/.test(buf.toString('latin1', 0, Math.min(buf.length, 8)))) {
    const tail = buf.toString('latin1', Math.max(0, buf.length - 1024));
    if (tail.includes('%%EOF')) return 'application/pdf';
  }
  return null;
}

function hasJpegEnd(buf: Buffer): boolean {
  let end = buf.length;
  while (
    end > 2 &&
    (buf[end - 1] === 0x00 || buf[end - 1] === 0x0a || buf[end - 1] === 0x0d || buf[end - 1] === 0x20)
  ) {
    end--;
  }
  return buf[end - 2] === 0xff && buf[end - 1] === 0xd9;
}

/** The extension a document is stored and served with: the detected type's, never the sender's. */
export const EXTENSION: Readonly<Record<DocumentMediaType, string>> = {
  'application/pdf': 'pdf',
  'image/jpeg': 'jpg',
  'image/png': 'png',
};
const SAME_TYPE: Readonly<Record<DocumentMediaType, RegExp>> = {
  'application/pdf': /\.pdf$/i,
  'image/jpeg': /\.jpe?g$/i,
  'image/png': /\.png$/i,
};

/**
 * C0 and C1 controls, and the format characters that reorder or hide text (bidi embeddings,
 * overrides and isolates such as U+202E, marks, zero-width characters, BOM, soft hyphen): a name
 * like "fattura\u202Efdp.exe" displays as "fatturaexe.pdf".
 */
const INVISIBLE =
  /[\u0000-\u001f\u007f-\u009f\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u206f\ufeff\ufff9-\ufffb]/g;

/**
 * The file name as stored and sent back: no path, no control, bidi or reserved characters,
 * ≤ 200 chars, and the extension of the detected type: "ricevuta.html" holding a PDF is
 * "ricevuta.pdf", "relazione.pdf.exe" is "relazione.pdf".
 */
export function sanitizeFileName(name: string | undefined, mediaType: DocumentMediaType): string {
  const base = (name ?? '').normalize('NFC').replace(INVISIBLE, '').split(/[\\/]/).pop() ?? '';
  const stem = base
    .replace(/["*:<>?|]/g, '_')
    .replace(/^[.\s]+/, '')
    .trim()
    .replace(/\.[A-Za-z0-9]{1,10}$/, '')
    .replace(SAME_TYPE[mediaType], '')
    .replace(/[.\s]+$/, '')
    .slice(-195);
  return `${stem || 'documento'}.${EXTENSION[mediaType]}`;
}
