import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import type { Response } from 'supertest';
import { Role } from '../src/common/access/role.js';
import { bearer, caseVersion } from './support/cases.js';
import { actor, type Actor } from './support/actors.js';
import { ATS_BERGAMO, ATS_BRESCIA, ATS_MILANO, MILANO } from './support/places.js';
import { nidiForm, orphanForm } from './support/case-fixtures.js';
import { createTestApp, type TestContext } from './support/test-app.js';
import { makePdf, pdfText } from './support/web-pages.js';

const MEASURE = 'NIDI-GRATIS-PLUS-2024-25';
const MAX_BYTES = 2 * 1_048_576; // above Fastify's 1 MiB JSON body limit, on purpose
let ctx: TestContext;
let documentsDir: string;
let as: Record<string, Actor>;
const tokens: Record<string, string> = {};
const ids: Record<string, string> = {};

// ---- minimal valid files, generated here ----
const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (buf: Buffer) => {
  let c = 0xffffffff;
  for (const byte of buf) c = crcTable[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};
const chunk = (type: string, data: Buffer) => {
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
};
/** A 1×1 white PNG. */
const PNG = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  chunk('IHDR', Buffer.from([0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0])),
  chunk('IDAT', deflateSync(Buffer.from([0, 255, 255, 255]))),
  chunk('IEND', Buffer.alloc(0)),
]);
/** A valid PNG of 1.5 MiB: the same image with a large text chunk. */
const BIG_PNG = Buffer.concat([
  PNG.subarray(0, -12),
  chunk('tEXt', Buffer.concat([Buffer.from('Comment\0'), Buffer.alloc(1_572_864, 0x61)])),
  PNG.subarray(-12),
]);
/** JPEG markers: SOI, APP0 (JFIF), EOI. */
const JPEG = Buffer.from([
  0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00,
  0x00, 0xff, 0xd9,
]);
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** Collects a binary response body whatever its content type. */
const binary = (res: Response, cb: (err: Error | null, body: Buffer) => void) => {
  const parts: Buffer[] = [];
  res.on('data', (c: Buffer) => parts.push(c));
  res.on('end', () => cb(null, Buffer.concat(parts)));
};

/** Each upload a second after the previous (the clock is fixed): lists are ordered by upload time. */
const upload = (
  token: string,
  id: string,
  bytes: Buffer,
  filename: string,
  contentType: string,
  requiredDocumentId = 'fee-statement',
) => {
  ctx.clock.advance(1_000);
  return ctx
    .http()
    .post(`/api/v1/applications/${id}/documents`)
    .set(bearer(token))
    .field('requiredDocumentId', requiredDocumentId)
    .attach('file', bytes, { filename, contentType });
};

beforeAll(async () => {
  documentsDir = await mkdtemp(join(tmpdir(), 'sportello-documents-'));
  ctx = await createTestApp({ DOCUMENT_MAX_BYTES: String(MAX_BYTES), DOCUMENTS_DIR: documentsDir });
  as = {
    citizen: await actor(ctx, Role.APPLICANT, { residence: MILANO }),
    other: await actor(ctx, Role.APPLICANT, { residence: MILANO }),
    opMilano: await actor(ctx, Role.OPERATOR, { atsCodes: [ATS_MILANO] }),
    opBergamo: await actor(ctx, Role.OPERATOR, { atsCodes: [ATS_BERGAMO] }),
    guardian: await actor(ctx, Role.APPLICANT, { residence: MILANO }),
    mgrBrescia: await actor(ctx, Role.MANAGER, { atsCodes: [ATS_BRESCIA] }),
    opBrescia: await actor(ctx, Role.OPERATOR, { atsCodes: [ATS_BRESCIA] }),
    auditor: await actor(ctx, Role.AUDITOR),
  };
  for (const [name, a] of Object.entries(as)) [ids[name], tokens[name]] = [a.id, a.token];
});
afterAll(async () => {
  await ctx.close();
  await rm(documentsDir, { recursive: true, force: true });
});

type Uploaded = { id: string; sha256: string; mediaType: string; size: number };

/** A draft of the citizen's with a PDF and a PNG (and a JPEG unless told otherwise) uploaded. */
async function givenDraft({ jpg = true } = {}) {
  const id = (await as.citizen.post('/applications', { measureCode: MEASURE, data: nidiForm() }).expect(201)).body
    .id as string;
  const pdf = await makePdf();
  const uploaded: Record<string, Uploaded> = {
    pdf: (await upload(tokens.citizen, id, pdf, 'retta.pdf', 'application/pdf').expect(201)).body,
    png: (await upload(tokens.citizen, id, PNG, 'scansione.pdf', 'application/pdf').expect(201)).body,
  };
  if (jpg) uploaded.jpg = (await upload(tokens.citizen, id, JPEG, '../../foto.jpg', 'image/jpeg').expect(201)).body;
  return { id, pdf, uploaded };
}

/** The same with the PDF and the PNG only, submitted. */
async function givenSubmitted() {
  const draft = await givenDraft({ jpg: false });
  await as.citizen.post(`/applications/${draft.id}/submit`).expect(201);
  return draft;
}

/** A text file named and typed as a PDF: its content is sniffed, so it is refused (415). */
const uploadTextAsPdf = (id: string) =>
  upload(tokens.citizen, id, Buffer.from('Solo testo, non un PDF.\n'), 'documento.pdf', 'application/pdf');

describe('documents of an application, through HTTP', () => {
  it('accepts PDF, PNG and JPEG, typed by their content; stores the SHA-256 and the bytes', async () => {
    const draft = await as.citizen.post('/applications', { measureCode: MEASURE, data: nidiForm() }).expect(201);
    const id = draft.body.id;
    const pdf = await makePdf();
    expect(pdf.length).toBeLessThan(MAX_BYTES);
    const p = await upload(tokens.citizen, id, pdf, 'retta.pdf', 'application/pdf').expect(201);
    expect(p.body).toMatchObject({
      requiredDocumentId: 'fee-statement',
      fileName: 'retta.pdf',
      mediaType: 'application/pdf',
      size: pdf.length,
      sha256: sha256(pdf),
    });
    // A PNG named .pdf and declared as a PDF is a PNG, and is named so.
    const png = await upload(tokens.citizen, id, PNG, 'scansione.pdf', 'application/pdf').expect(201);
    expect(png.body).toMatchObject({
      mediaType: 'image/png',
      fileName: 'scansione.png',
      sha256: sha256(PNG),
      size: PNG.length,
    });
    const jpg = await upload(tokens.citizen, id, JPEG, '../../foto.jpg', 'image/jpeg').expect(201);
    expect(jpg.body).toMatchObject({ mediaType: 'image/jpeg', fileName: 'foto.jpg' });
    // Larger than Fastify's body limit, within DOCUMENT_MAX_BYTES.
    const big = await upload(tokens.citizen, id, BIG_PNG, 'grande.png', 'image/png').expect(201);
    expect(big.body).toMatchObject({ mediaType: 'image/png', size: BIG_PNG.length, sha256: sha256(BIG_PNG) });
    await as.citizen.delete(`/applications/${id}/documents/${big.body.id}`).expect(204);
    const [row] = await ctx.db.query(`SELECT storage_key FROM application_documents WHERE id = $1`, [png.body.id]);
    expect(row.storage_key).toBe(`applications/${id}/${png.body.id}`);
  });

  it('refuses a text file named .pdf (415), an oversized file (413), an unknown required document (400)', async () => {
    const { id, pdf } = await givenDraft();
    const text = await uploadTextAsPdf(id).expect(415);
    expect(text.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(text.body.errors[0].field).toBe('file');
    const big = await upload(
      tokens.citizen,
      id,
      Buffer.concat([pdf, Buffer.alloc(MAX_BYTES - pdf.length + 1)]),
      'grande.pdf',
      'application/pdf',
    ).expect(413);
    expect(big.body.errors[0].field).toBe('file');
    const unknown = await upload(tokens.citizen, id, PNG, 'x.png', 'image/png', 'passport').expect(400);
    expect(unknown.body.errors[0].field).toBe('requiredDocumentId');
    const none = await as.citizen
      .post(`/applications/${id}/documents`)
      .field('requiredDocumentId', 'fee-statement')
      .expect(400);
    expect(none.body.errors[0].field).toBe('file');
    const json = await as.citizen
      .post(`/applications/${id}/documents`, { requiredDocumentId: 'fee-statement' })
      .expect(415);
    expect(json.body.errors[0].field).toBe('file');
    const list = await as.citizen.get(`/applications/${id}/documents`).expect(200);
    expect(list.body).toHaveLength(3);
  });

  it('downloads with the detected type as an attachment; another applicant gets 404 everywhere', async () => {
    const { id, uploaded } = await givenDraft();
    const res = await as.citizen
      .get(`/applications/${id}/documents/${uploaded.png.id}`)
      .buffer(true)
      .parse(binary)
      .expect(200);
    expect(res.headers['content-type']).toBe('image/png');
    expect(res.headers['content-disposition']).toBe(
      `attachment; filename="scansione.png"; filename*=UTF-8''scansione.png`,
    );
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(Buffer.compare(res.body as Buffer, PNG)).toBe(0);
    await as.other.get(`/applications/${id}/documents`).expect(404);
    await as.other.get(`/applications/${id}/documents/${uploaded.png.id}`).expect(404);
    await upload(tokens.other, id, PNG, 'x.png', 'image/png').expect(404);
    await as.other.delete(`/applications/${id}/documents/${uploaded.png.id}`).expect(404);
    // A draft is not visible to staff either.
    await as.opMilano.get(`/applications/${id}/documents`).expect(404);
  });

  it('the owner removes a document while a draft; the bytes go too', async () => {
    const { id, uploaded } = await givenDraft();
    await uploadTextAsPdf(id).expect(415);
    await as.citizen.delete(`/applications/${id}/documents/${uploaded.jpg.id}`).expect(204);
    await as.citizen.get(`/applications/${id}/documents/${uploaded.jpg.id}`).expect(404);
    const list = await as.citizen.get(`/applications/${id}/documents`).expect(200);
    expect(list.body.map((d: { id: string }) => d.id)).toEqual([uploaded.pdf.id, uploaded.png.id]);
    // No stray bytes: refused and removed uploads left nothing in the store.
    expect((await readdir(join(documentsDir, 'applications', id))).sort()).toEqual(
      [uploaded.pdf.id, uploaded.png.id].sort(),
    );
  });

  it('submission snapshots the document hashes; afterwards uploads and removals are refused', async () => {
    const { id, pdf, uploaded } = await givenSubmitted();
    const [snapshot] = await ctx.db.query(
      `SELECT document_hashes FROM application_snapshots WHERE application_id = $1`,
      [id],
    );
    expect(snapshot.document_hashes).toEqual([
      {
        id: uploaded.pdf.id,
        requiredDocumentId: 'fee-statement',
        sha256: sha256(pdf),
        size: pdf.length,
        mediaType: 'application/pdf',
      },
      {
        id: uploaded.png.id,
        requiredDocumentId: 'fee-statement',
        sha256: sha256(PNG),
        size: PNG.length,
        mediaType: 'image/png',
      },
    ]);
    const late = await upload(tokens.citizen, id, PNG, 'x.png', 'image/png').expect(409);
    expect(late.body.code).toBe('APPLICATION_ILLEGAL_TRANSITION');
    await as.citizen.delete(`/applications/${id}/documents/${uploaded.png.id}`).expect(409);
    await expect(
      ctx.db.query(`UPDATE application_documents SET file_name = 'x' WHERE id = $1`, [uploaded.png.id]),
    ).rejects.toThrow(/immutable/);
  });

  it('an officer of the territory lists and downloads them; another territory gets 404', async () => {
    const { id, pdf, uploaded } = await givenSubmitted();
    const list = await as.opMilano.get(`/applications/${id}/documents`).expect(200);
    expect(list.body.map((d: { sha256: string }) => d.sha256)).toEqual([sha256(pdf), sha256(PNG)]);
    const res = await as.opMilano
      .get(`/applications/${id}/documents/${uploaded.pdf.id}`)
      .buffer(true)
      .parse(binary)
      .expect(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(sha256(res.body as Buffer)).toBe(sha256(pdf));
    await as.opBergamo.get(`/applications/${id}/documents`).expect(404);
    await as.opBergamo.get(`/applications/${id}/documents/${uploaded.pdf.id}`).expect(404);
  });

  it('during soccorso istruttorio the applicant may upload again', async () => {
    const { id } = await givenSubmitted();
    let v = await caseVersion(ctx, tokens.opMilano, id);
    v = (await as.opMilano.post(`/cases/${id}/take-in-charge`, { version: v }).expect(200)).body.version;
    await as.opMilano
      .post(`/cases/${id}/integration-request`, { version: v, message: 'Allegare la retta firmata', days: 10 })
      .expect(200);
    const added = await upload(tokens.citizen, id, JPEG, 'retta-firmata.jpg', 'image/jpeg').expect(201);
    expect(added.body.mediaType).toBe('image/jpeg');
    const list = await as.opMilano.get(`/applications/${id}/documents`).expect(200);
    expect(list.body).toHaveLength(3);
    // Removal stays a draft-only operation.
    await as.citizen.delete(`/applications/${id}/documents/${added.body.id}`).expect(409);
  });

  it('the receipt is a real PDF with the protocol number and the document hashes', async () => {
    const { id, pdf } = await givenSubmitted();
    const receipt = await as.citizen.get(`/applications/${id}/receipt`).expect(200);
    const res = await as.citizen.get(`/applications/${id}/receipt.pdf`).buffer(true).parse(binary).expect(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toBe(
      `attachment; filename="ricevuta-${receipt.body.protocolNumber}.pdf"; filename*=UTF-8''ricevuta-${receipt.body.protocolNumber}.pdf`,
    );
    const body = res.body as Buffer;
    expect(body.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const text = pdfText(body);
    expect(text).toContain('Ricevuta di presentazione (art. 18-bis L. 241/1990)');
    expect(text).toContain(receipt.body.protocolNumber);
    expect(text).toMatch(/02\/03\/2026, 10:00:\d\d,\d{3} CET/); // 09:00Z (plus the uploads' seconds) in Europe/Rome
    expect(text).toContain(`UTC ${receipt.body.receivedAt}`);
    expect(text).toContain(MEASURE);
    expect(text).toContain(sha256(pdf));
    expect(text).toContain(sha256(PNG));
    await as.opMilano.get(`/applications/${id}/receipt.pdf`).expect(200);
    await as.other.get(`/applications/${id}/receipt.pdf`).expect(404);
    await as.opBergamo.get(`/applications/${id}/receipt.pdf`).expect(404);
  });
});

describe('hostile uploads', () => {
  let id: string;
  let pdf: Buffer;
  const download = (docId: string) =>
    as.other.get(`/applications/${id}/documents/${docId}`).buffer(true).parse(binary).expect(200);

  beforeAll(async () => {
    id = (await as.other.post('/applications', { measureCode: MEASURE, data: nidiForm() }).expect(201)).body.id;
    pdf = await makePdf();
  });

  it('reads the magic bytes at offset 0 only: an executable with "%PDF-" at byte 64 is refused', async () => {
    const exe = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(62, 0x90), pdf]);
    const res = await upload(tokens.other, id, exe, 'relazione.pdf.exe', 'application/pdf').expect(415);
    expect(res.body.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    const html = Buffer.concat([Buffer.from('<html><body><script>alert(document.cookie)</script>\n'), pdf]);
    await upload(tokens.other, id, html, 'ricevuta.pdf', 'application/pdf').expect(415);
  });

  it('stores and serves the extension and type of the detected content, whatever the name says', async () => {
    // An HTML/PDF polyglot (a PDF from byte 0 carrying markup) named .html is a PDF named .pdf.
    const polyglot = Buffer.concat([
      pdf.subarray(0, 9),
      Buffer.from('%<html><script>alert(1)</script></html>\n'),
      pdf.subarray(9),
    ]);
    const poly = await upload(tokens.other, id, polyglot, 'ricevuta.html', 'text/html').expect(201);
    expect(poly.body).toMatchObject({ mediaType: 'application/pdf', fileName: 'ricevuta.pdf' });
    let res = await download(poly.body.id);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toBe(
      `attachment; filename="ricevuta.pdf"; filename*=UTF-8''ricevuta.pdf`,
    );
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    const double = await upload(tokens.other, id, pdf, 'relazione.pdf.exe', 'application/octet-stream').expect(201);
    expect(double.body.fileName).toBe('relazione.pdf');
    res = await download(double.body.id);
    expect(res.headers['content-disposition']).toBe(
      `attachment; filename="relazione.pdf"; filename*=UTF-8''relazione.pdf`,
    );
  });

  it('strips control and bidi characters from names; non-ASCII names get an ASCII fallback and an RFC 5987 filename*', async () => {
    const rtl = await upload(tokens.other, id, pdf, 'fattura\u202Efdp.exe', 'application/pdf').expect(201);
    expect(rtl.body.fileName).toBe('fatturafdp.pdf');
    const isolate = await upload(tokens.other, id, PNG, '\u2067scan\u2069\u200B.png', 'image/png').expect(201);
    expect(isolate.body.fileName).toBe('scan.png');
    const accented = await upload(tokens.other, id, pdf, 'attestazione è (1).pdf', 'application/pdf').expect(201);
    expect(accented.body.fileName).toBe('attestazione è (1).pdf');
    const res = await download(accented.body.id);
    expect(res.headers['content-disposition']).toBe(
      `attachment; filename="attestazione _ (1).pdf"; filename*=UTF-8''attestazione%20%C3%A8%20%281%29.pdf`,
    );
    const listed = (await as.other.get(`/applications/${id}/documents`).expect(200)).body as { fileName: string }[];
    for (const d of listed) {
      expect(d.fileName).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069]/);
    }
  });
});

describe('documents of a sealed case (orphans of femicide, handled by ATS Brescia)', () => {
  it('are read only by the staff who may see the case, and every read is recorded', async () => {
    const data = orphanForm();
    const draft = await as.guardian.post('/applications', { measureCode: 'ORFANI-FEMMINICIDIO', data }).expect(201);
    const id = draft.body.id as string;
    const doc = await upload(tokens.guardian, id, PNG, 'decreto.png', 'image/png', 'guardianship-decree').expect(201);
    await as.guardian.post(`/applications/${id}/submit`).expect(201);
    // An operator not assigned to the sealed case does not see it.
    await as.opBrescia.get(`/applications/${id}/documents`).expect(404);
    await as.mgrBrescia.get(`/applications/${id}/documents`).expect(200);
    await as.mgrBrescia.get(`/applications/${id}/documents/${doc.body.id}`).buffer(true).parse(binary).expect(200);
    const log = await as.mgrBrescia.get(`/cases/${id}/access-log`).expect(200);
    const actions = log.body
      .filter((r: { actorId: string }) => r.actorId === ids.mgrBrescia)
      .map((r: { action: string }) => r.action);
    expect(actions).toEqual(expect.arrayContaining(['list_documents', 'read_document']));
  });

  it('document lists, downloads and receipts (JSON and PDF) go into the hash-chained audit log as case reads do', async () => {
    const draft = await as.guardian
      .post('/applications', { measureCode: 'ORFANI-FEMMINICIDIO', data: orphanForm() })
      .expect(201);
    const id = draft.body.id as string;
    const doc = await upload(tokens.guardian, id, PNG, 'decreto.png', 'image/png', 'guardianship-decree').expect(201);
    await as.guardian.post(`/applications/${id}/submit`).expect(201);
    const staff = bearer(tokens.mgrBrescia);
    await ctx.http().get(`/api/v1/applications/${id}/documents`).set(staff).expect(200);
    await ctx
      .http()
      .get(`/api/v1/applications/${id}/documents/${doc.body.id}`)
      .set(staff)
      .buffer(true)
      .parse(binary)
      .expect(200);
    await ctx.http().get(`/api/v1/applications/${id}/receipt`).set(staff).expect(200);
    await ctx.http().get(`/api/v1/applications/${id}/receipt.pdf`).set(staff).buffer(true).parse(binary).expect(200);
    const chain = (await ctx.db.query(
      `SELECT actor_id, change->>'action' AS action FROM audit_log WHERE action = 'record.read' AND target_type = 'application' AND target_id = $1 ORDER BY seq`,
      [id],
    )) as { actor_id: string; action: string }[];
    expect(chain).toEqual(
      ['list_documents', 'read_document', 'read_receipt', 'read_receipt_pdf'].map((action) => ({
        actor_id: ids.mgrBrescia,
        action,
      })),
    );
    // The same reads in the case's own access record, one helper for both.
    const log = (await ctx.http().get(`/api/v1/cases/${id}/access-log`).set(staff).expect(200)).body as {
      actorId: string;
      action: string;
    }[];
    expect(log.filter((r) => r.actorId === ids.mgrBrescia).map((r) => r.action)).toEqual(chain.map((c) => c.action));
    const verify = await as.auditor.get('/audit/verify').expect(200);
    expect(verify.body).toMatchObject({ ok: true, firstBroken: null });
  });
});
