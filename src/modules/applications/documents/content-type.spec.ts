import { describe, expect, it } from '@jest/globals';
import { sanitizeFileName, sniffMediaType } from './content-type.js';

const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]),
  Buffer.from('IHDR'),
  Buffer.alloc(17),
]);
const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0xff, 0xd9]);
const pdf = Buffer.from('%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n', 'latin1');

describe('sniffMediaType', () => {
  it('recognises PDF, PNG and JPEG by their content', () => {
    expect(sniffMediaType(pdf)).toBe('application/pdf');
    expect(sniffMediaType(png)).toBe('image/png');
    expect(sniffMediaType(jpeg)).toBe('image/jpeg');
  });

  it('tolerates padding after the JPEG end marker', () => {
    expect(sniffMediaType(Buffer.concat([jpeg, Buffer.from('\n\0')]))).toBe('image/jpeg');
  });

  it('reads the PDF header at byte 0 only: an executable or a page with "%PDF-" further in is nothing', () => {
    const exe = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(62), pdf]);
    expect(sniffMediaType(exe)).toBeNull();
    expect(sniffMediaType(Buffer.concat([Buffer.from('\r\n'), pdf]))).toBeNull();
    expect(sniffMediaType(Buffer.concat([Buffer.from('<html><script>alert(1)</script>'), pdf]))).toBeNull();
  });

  it('refuses text, empty input, truncated files and look-alikes', () => {
    expect(sniffMediaType(Buffer.from('Not a PDF at all, just text named .pdf'))).toBeNull();
    expect(sniffMediaType(Buffer.alloc(0))).toBeNull();
    expect(sniffMediaType(pdf.subarray(0, 20))).toBeNull(); // no %%EOF
    expect(sniffMediaType(jpeg.subarray(0, 8))).toBeNull(); // no EOI
    expect(sniffMediaType(png.subarray(0, 8))).toBeNull(); // signature without IHDR
    expect(sniffMediaType(Buffer.from('GIF89a\x01\x00\x01\x00', 'latin1'))).toBeNull();
    expect(sniffMediaType(Buffer.from('%PDX-1.4 %%EOF'))).toBeNull();
  });
});

describe('sanitizeFileName', () => {
  it('keeps the base name only, without control or reserved characters', () => {
    expect(sanitizeFileName('../../etc/passwd', 'application/pdf')).toBe('passwd.pdf');
    expect(sanitizeFileName('C:\\Users\\me\\ISEE 2026.pdf', 'application/pdf')).toBe('ISEE 2026.pdf');
    expect(sanitizeFileName('a"b\r\n<c>.png', 'image/png')).toBe('a_b_c_.png');
    expect(sanitizeFileName('...', 'image/jpeg')).toBe('documento.jpg');
    expect(sanitizeFileName(undefined, 'application/pdf')).toBe('documento.pdf');
    expect(sanitizeFileName(`${'x'.repeat(300)}.pdf`, 'application/pdf')).toHaveLength(199);
  });

  it("takes the extension from the detected type, never from the sender's name", () => {
    expect(sanitizeFileName('ricevuta.html', 'application/pdf')).toBe('ricevuta.pdf');
    expect(sanitizeFileName('relazione.pdf.exe', 'application/pdf')).toBe('relazione.pdf');
    expect(sanitizeFileName('scansione.pdf', 'image/png')).toBe('scansione.png');
    expect(sanitizeFileName('foto.JPEG', 'image/jpeg')).toBe('foto.jpg');
    expect(sanitizeFileName('retta.pdf', 'application/pdf')).toBe('retta.pdf');
  });

  it('strips bidi overrides, isolates, zero-width and C1 characters', () => {
    expect(sanitizeFileName('fattura\u202Efdp.exe', 'application/pdf')).toBe('fatturafdp.pdf');
    expect(sanitizeFileName('\u2066a\u2069\u200Bb\u0085c\uFEFF.png', 'image/png')).toBe('abc.png');
    expect(sanitizeFileName('\u202E', 'image/png')).toBe('documento.png');
  });
});
