import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Role } from '../src/common/access/role.js';
import type { Response } from 'supertest';
import { bearer, draftAndSubmit } from './support/cases.js';
import { MILANO, orphanForm } from './support/case-fixtures.js';
import { uniqueFiscalCode } from './support/fiscal-codes.js';
import { createTestApp, seedAccount, tokenFor, type TestContext } from './support/test-app.js';
import { csrfOf, makePdf, pdfText, signedIn as signIn } from './support/web-pages.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestApp();
});
afterAll(() => ctx.close());

const NIDI = '/misure/nidi-gratis-plus-2024-25';
const signedIn = (account: { email: string; password: string }) => signIn(ctx, account);

const draftCount = async (email: string) =>
  (
    (await ctx.db.query(
      `SELECT count(*)::int AS n FROM applications a JOIN users u ON u.id = a.owner_id WHERE u.email = $1`,
      [email],
    )) as { n: number }[]
  )[0].n;

/** The rest of a Nidi Gratis Plus form, as a person types it. */
const NIDI_FORM = {
  childBirthDate: '2024-05-10',
  hasSiblingUnder10: 'true',
  nurseryCode: 'NIDO-MI-001',
  childEnrolledInAdmittedNursery: 'true',
  iseeType: 'minorenni',
  iseeValue: '22.000,00',
  iseeProtocol: 'INPS-ISEE-2024-123456789-00',
  iseeHasOmissionsOrDiscrepancies: 'false',
  monthlyFeeCents: '450,00',
  months: '10',
};

const binary = (res: Response, done: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => done(null, Buffer.concat(chunks)));
};

describe('the first step of an application: a draft saved and resumed', () => {
  it('anonymous visitors are sent to login', async () => {
    await ctx.http().get(`${NIDI}/domanda`).expect(303).expect('location', '/accedi');
  });

  it('an applicant gives consent, says who applies, fills the form rendered from the schema, saves, resumes and updates it', async () => {
    const account = await seedAccount(ctx.db, [Role.APPLICANT]);
    const cookie = await signedIn(account);
    const consent = await ctx.http().get(`${NIDI}/domanda`).set('cookie', cookie).expect(200);
    expect(consent.text).toContain('name="consent"');
    const csrf = csrfOf(consent.text);
    // No consent, no draft.
    await ctx.http().post(`${NIDI}/domanda`).set('cookie', cookie).type('form').send({ _csrf: csrf }).expect(400);
    expect(await draftCount(account.email)).toBe(0);
    const started = await ctx
      .http()
      .post(`${NIDI}/domanda`)
      .set('cookie', cookie)
      .type('form')
      .send({ _csrf: csrf, consent: 'true' })
      .expect(303);
    const who = started.headers.location;
    expect(who).toMatch(/^\/domande\/[0-9a-f-]{36}\/chi$/);
    const id = who.split('/')[2];

    const whoPage = await ctx.http().get(who).set('cookie', cookie).expect(200);
    expect(whoPage.text).toContain('name="applicantRelationship"');
    expect(whoPage.text).toContain('name="childFiscalCode"');
    expect(whoPage.text).not.toContain('name="months"');
    expect(whoPage.text).toContain('Passo 2 di 5');
    const version = (html: string) => /name="_version" value="(\d+)"/.exec(html)![1];
    const child = uniqueFiscalCode();
    await ctx
      .http()
      .post(who)
      .set('cookie', cookie)
      .type('form')
      .send({
        _csrf: csrf,
        _version: version(whoPage.text),
        _go: 'next',
        applicantRelationship: 'parent',
        childFiscalCode: child,
      })
      .expect(303)
      .expect('location', `/domande/${id}`);

    const form = await ctx.http().get(`/domande/${id}`).set('cookie', cookie).expect(200);
    for (const name of ['childBirthDate', 'monthlyFeeCents', 'iseeProtocol', 'months']) {
      expect(form.text).toContain(`name="${name}"`);
    }
    expect(form.text).not.toContain('name="childFiscalCode"');
    expect(form.text).toContain(`href="/domande/${id}/chi"`); // back to edit the earlier step
    const bad = await ctx
      .http()
      .post(`/domande/${id}`)
      .set('cookie', cookie)
      .type('form')
      .send({ _csrf: csrf, _version: version(form.text), monthlyFeeCents: 'tanto', months: '10' })
      .expect(400);
    expect(bad.text).toContain('href="#f-monthlyFeeCents"');
    expect(bad.text).toContain('value="10"'); // what was typed is kept

    await ctx
      .http()
      .post(`/domande/${id}`)
      .set('cookie', cookie)
      .type('form')
      .send({
        _csrf: csrf,
        _version: version(form.text),
        _go: 'stay',
        childBirthDate: '2024-03-01',
        hasSiblingUnder10: 'false',
        monthlyFeeCents: '450,00',
        months: '10',
      })
      .expect(303)
      .expect('location', `/domande/${id}?salvata=1`);

    // The API sees the same draft, both steps merged, typed as the schema says.
    const api = await ctx
      .http()
      .get(`/api/v1/applications/${id}`)
      .set('authorization', `Bearer ${await tokenFor(ctx, account)}`)
      .expect(200);
    expect(api.body).toMatchObject({
      status: 'DRAFT',
      data: {
        applicantRelationship: 'parent',
        childFiscalCode: child,
        childBirthDate: '2024-03-01',
        hasSiblingUnder10: false,
        monthlyFeeCents: 45_000,
        months: 10,
      },
    });

    const resumed = await ctx.http().get(`/domande/${id}?salvata=1`).set('cookie', cookie).expect(200);
    expect(resumed.text).toContain('Bozza salvata.');
    expect(resumed.text).toContain('value="450,00"');

    // The personal area lists it, to be resumed later.
    const area = await ctx.http().get('/area-personale').set('cookie', cookie).expect(200);
    expect(area.text).toContain(`href="/domande/${id}"`);
    expect(area.text).toContain('<td>Bozza</td>');

    // Another applicant cannot see it: 404, as the API answers.
    const other = await signedIn(await seedAccount(ctx.db, [Role.APPLICANT]));
    await ctx.http().get(`/domande/${id}`).set('cookie', other).expect(404);
    await ctx.http().get(`/domande/${id}/riepilogo`).set('cookie', other).expect(404);
  });

  it('documents without script, a summary, one submission for a double click, the confirmation and the receipt PDF', async () => {
    const account = await seedAccount(ctx.db, [Role.APPLICANT]);
    const cookie = await signedIn(account);
    const csrf = csrfOf((await ctx.http().get(`${NIDI}/domanda`).set('cookie', cookie).expect(200)).text);
    const id = (
      await ctx
        .http()
        .post(`${NIDI}/domanda`)
        .set('cookie', cookie)
        .type('form')
        .send({ _csrf: csrf, consent: 'true' })
        .expect(303)
    ).headers.location.split('/')[2];
    const version = async () =>
      String(
        ((await ctx.db.query(`SELECT version FROM applications WHERE id = $1`, [id])) as { version: number }[])[0]
          .version,
      );
    await ctx
      .http()
      .post(`/domande/${id}/chi`)
      .set('cookie', cookie)
      .type('form')
      .send({
        _csrf: csrf,
        _version: await version(),
        applicantRelationship: 'parent',
        childFiscalCode: uniqueFiscalCode(),
      })
      .expect(303);
    await ctx
      .http()
      .post(`/domande/${id}`)
      .set('cookie', cookie)
      .type('form')
      .send({ _csrf: csrf, _version: await version(), ...NIDI_FORM })
      .expect(303);

    const docs = await ctx.http().get(`/domande/${id}/documenti`).set('cookie', cookie).expect(200);
    expect(docs.text).toContain('enctype="multipart/form-data"');
    expect(docs.text).toContain('name="requiredDocumentId" value="fee-statement"');
    const upload = (bytes: Buffer, filename: string, token = csrf) =>
      ctx
        .http()
        .post(`/domande/${id}/documenti`)
        .set('cookie', cookie)
        .field('_csrf', token)
        .field('requiredDocumentId', 'fee-statement')
        .attach('file', bytes, { filename });
    await upload(await makePdf(), 'retta.pdf', 'wrong').expect(403);
    const refused = await upload(Buffer.from('not a document at all'), 'retta.txt').expect(415);
    expect(refused.text).toContain('href="#f-file-fee-statement"');
    expect(refused.text).toContain('aria-invalid="true"');
    await upload(await makePdf(), 'retta.pdf')
      .expect(303)
      .expect('location', `/domande/${id}/documenti`);
    expect((await ctx.http().get(`/domande/${id}/documenti`).set('cookie', cookie).expect(200)).text).toContain(
      'retta.pdf',
    );

    const summary = await ctx.http().get(`/domande/${id}/riepilogo`).set('cookie', cookie).expect(200);
    expect(summary.text).toContain('DPR 445/2000');
    expect(summary.text).toContain('Relazione con il bambino');
    expect(summary.text).toContain('Genitore');
    expect(summary.text).toContain('retta.pdf');
    const key = /name="_key" value="([^"]+)"/.exec(summary.text)![1];
    // A double click: the same form posted twice at once registers one application.
    const send = () =>
      ctx.http().post(`/domande/${id}/invia`).set('cookie', cookie).type('form').send({ _csrf: csrf, _key: key });
    const [a, b] = await Promise.all([send(), send()]);
    expect([a.status, b.status]).toEqual([303, 303]);
    expect(a.headers.location).toBe(`/domande/${id}/ricevuta`);
    const [row] = (await ctx.db.query(`SELECT status, protocol_number AS protocol FROM applications WHERE id = $1`, [
      id,
    ])) as { status: string; protocol: string }[];
    expect(row.status).toBe('SUBMITTED');
    const transitions = (await ctx.db.query(
      `SELECT count(*)::int AS n FROM application_transitions WHERE application_id = $1 AND event = 'submit'`,
      [id],
    )) as { n: number }[];
    expect(transitions[0].n).toBe(1);

    const confirmation = await ctx.http().get(`/domande/${id}/ricevuta`).set('cookie', cookie).expect(200);
    expect(confirmation.text).toContain(row.protocol);
    expect(confirmation.text).toContain('Cosa succede ora');
    const pdf = await ctx
      .http()
      .get(`/domande/${id}/ricevuta.pdf`)
      .set('cookie', cookie)
      .buffer(true)
      .parse(binary)
      .expect(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.headers['content-disposition']).toBe(`attachment; filename="ricevuta-${row.protocol}.pdf"`);
    expect(pdfText(pdf.body as Buffer)).toContain(row.protocol);
    // The one-question rating: counted once per application, with no link to it or its owner.
    expect(confirmation.text).toContain('name="rating"');
    const counted = async () =>
      (
        (await ctx.db.query(
          `SELECT coalesce(sum(answers), 0)::int AS n FROM experience_ratings r JOIN measures m ON m.code = r.measure_code JOIN applications a ON a.measure_id = m.id WHERE a.id = $1 AND r.rating = 4`,
          [id],
        )) as { n: number }[]
      )[0].n;
    const before = await counted();
    await ctx
      .http()
      .post(`/domande/${id}/valutazione`)
      .set('cookie', cookie)
      .type('form')
      .send({ _csrf: csrf, rating: '9' })
      .expect(400);
    await ctx
      .http()
      .post(`/domande/${id}/valutazione`)
      .set('cookie', cookie)
      .type('form')
      .send({ _csrf: csrf, rating: '4' })
      .expect(303);
    await ctx
      .http()
      .post(`/domande/${id}/valutazione`)
      .set('cookie', cookie)
      .type('form')
      .send({ _csrf: csrf, rating: '4' })
      .expect(303);
    expect(await counted()).toBe(before + 1);
    expect((await ctx.http().get(`/domande/${id}/ricevuta`).set('cookie', cookie).expect(200)).text).toContain(
      'Grazie per la tua valutazione',
    );
    const columns = (await ctx.db.query(
      `SELECT column_name FROM information_schema.columns WHERE table_name = 'experience_ratings' ORDER BY column_name`,
    )) as { column_name: string }[];
    expect(columns.map((c) => c.column_name)).toEqual(['answers', 'measure_code', 'rated_on', 'rating']);
    // Submitted: the steps lead to the confirmation, and nobody else gets the receipt.
    await ctx
      .http()
      .get(`/domande/${id}/riepilogo`)
      .set('cookie', cookie)
      .expect(303)
      .expect('location', `/domande/${id}/ricevuta`);
    const other = await signedIn(await seedAccount(ctx.db, [Role.APPLICANT]));
    await ctx.http().get(`/domande/${id}/ricevuta.pdf`).set('cookie', other).expect(404);
    const otherCsrf = csrfOf((await ctx.http().get(`${NIDI}/domanda`).set('cookie', other).expect(200)).text);
    await ctx
      .http()
      .post(`/domande/${id}/valutazione`)
      .set('cookie', other)
      .type('form')
      .send({ _csrf: otherCsrf, rating: '1' })
      .expect(404);
  });
});

describe('a registered application in the personal area', () => {
  /** An application submitted through the portal's own pages; returns its id. */
  async function submitted(cookie: string) {
    const csrf = csrfOf((await ctx.http().get(`${NIDI}/domanda`).set('cookie', cookie).expect(200)).text);
    const id = (
      await ctx
        .http()
        .post(`${NIDI}/domanda`)
        .set('cookie', cookie)
        .type('form')
        .send({ _csrf: csrf, consent: 'true' })
        .expect(303)
    ).headers.location.split('/')[2];
    const version = async () =>
      String(
        ((await ctx.db.query(`SELECT version FROM applications WHERE id = $1`, [id])) as { version: number }[])[0]
          .version,
      );
    await ctx
      .http()
      .post(`/domande/${id}/chi`)
      .set('cookie', cookie)
      .type('form')
      .send({
        _csrf: csrf,
        _version: await version(),
        applicantRelationship: 'parent',
        childFiscalCode: uniqueFiscalCode(),
      })
      .expect(303);
    await ctx
      .http()
      .post(`/domande/${id}`)
      .set('cookie', cookie)
      .type('form')
      .send({ _csrf: csrf, _version: await version(), ...NIDI_FORM })
      .expect(303);
    await ctx
      .http()
      .post(`/domande/${id}/documenti`)
      .set('cookie', cookie)
      .field('_csrf', csrf)
      .field('requiredDocumentId', 'fee-statement')
      .attach('file', await makePdf(), { filename: 'retta.pdf' })
      .expect(303);
    const key = /name="_key" value="([^"]+)"/.exec(
      (await ctx.http().get(`/domande/${id}/riepilogo`).set('cookie', cookie).expect(200)).text,
    )![1];
    await ctx
      .http()
      .post(`/domande/${id}/invia`)
      .set('cookie', cookie)
      .type('form')
      .send({ _csrf: csrf, _key: key })
      .expect(303);
    return { id, csrf };
  }

  it('shows the state and timeline, offers only the allowed actions, and the applicant answers the office’s integration request', async () => {
    const account = await seedAccount(ctx.db, [Role.APPLICANT], { residence: '015146' });
    const cookie = await signedIn(account);
    const { id, csrf } = await submitted(cookie);
    const area = await ctx.http().get('/area-personale').set('cookie', cookie).expect(200);
    expect(area.text).toContain(`href="/domande/${id}/stato"`);
    const first = await ctx.http().get(`/domande/${id}/stato`).set('cookie', cookie).expect(200);
    expect(first.text).toContain('id="case-status">Inviata');
    expect(first.text).toContain(`action="/domande/${id}/ritiro"`); // withdraw is allowed now
    expect(first.text).not.toContain(`action="/domande/${id}/integrazione"`);

    const officer = await tokenFor(ctx, await seedAccount(ctx.db, [Role.OPERATOR], { atsCodes: ['321'] }));
    const auth = { authorization: `Bearer ${officer}` };
    let v = (
      await ctx
        .http()
        .get(`/api/v1/applications/${id}`)
        .set('authorization', `Bearer ${await tokenFor(ctx, account)}`)
        .expect(200)
    ).body.version as number;
    v = (await ctx.http().post(`/api/v1/cases/${id}/take-in-charge`).set(auth).send({ version: v }).expect(200)).body
      .version as number;
    await ctx
      .http()
      .post(`/api/v1/cases/${id}/integration-request`)
      .set(auth)
      .send({ version: v, message: 'Allegare la retta firmata dal nido', days: 10 })
      .expect(200);

    const asked = await ctx.http().get(`/domande/${id}/stato`).set('cookie', cookie).expect(200);
    expect(asked.text).toContain('Integrazione richiesta');
    expect(asked.text).toContain('Allegare la retta firmata dal nido');
    expect(asked.text).toContain('termine sospeso');
    expect(asked.text).toContain(`href="/domande/${id}/integrazione"`);
    const answerPage = await ctx.http().get(`/domande/${id}/integrazione`).set('cookie', cookie).expect(200);
    expect(answerPage.text).toContain('Allegare la retta firmata dal nido');
    // The declared fields are offered for correction, prefilled; the child (the beneficiary) is not.
    expect(answerPage.text).toMatch(/name="months"[^>]*value="10"/);
    expect(answerPage.text).not.toContain('name="childFiscalCode"');
    const version = /name="_version" value="(\d+)"/.exec(answerPage.text)![1];
    // The document the office asked for, with the documents step's checks (type from the content).
    const upload = (file: Buffer, name: string) =>
      ctx
        .http()
        .post(`/domande/${id}/integrazione/documenti`)
        .set('cookie', cookie)
        .field('_csrf', csrf)
        .field('requiredDocumentId', 'fee-statement')
        .attach('file', file, { filename: name });
    const refused = await upload(Buffer.from('not a document'), 'retta.pdf').expect(415);
    expect(refused.text).toContain('aria-invalid="true"');
    await upload(await makePdf('Retta firmata'), 'retta-firmata.pdf')
      .expect(303)
      .expect('location', `/domande/${id}/integrazione`);
    const documents = async () =>
      (
        (await ctx.db.query(
          `SELECT file_name FROM application_documents WHERE application_id = $1 ORDER BY uploaded_at`,
          [id],
        )) as { file_name: string }[]
      ).map((d) => d.file_name);
    expect(await documents()).toEqual(['retta.pdf', 'retta-firmata.pdf']);
    const answer = (fields: Record<string, string>) =>
      ctx
        .http()
        .post(`/domande/${id}/integrazione`)
        .set('cookie', cookie)
        .type('form')
        .send({ _csrf: csrf, _version: version, ...NIDI_FORM, ...fields });
    const empty = await answer({ answer: '' }).expect(400);
    expect(empty.text).toContain('id="error-summary"');
    // A correction the form schema refuses is shown on its field, and nothing is written.
    const invalid = await answer({ answer: 'Corretto', months: '40' }).expect(400);
    expect(invalid.text).toMatch(/id="f-months"[^>]*aria-invalid="true"/);
    // A protected field posted anyway is not read: the beneficiary does not change.
    const [{ child }] = (await ctx.db.query(
      `SELECT data->>'childFiscalCode' AS child FROM applications WHERE id = $1`,
      [id],
    )) as { child: string }[];
    await answer({ answer: 'Allegata la retta firmata', months: '11', childFiscalCode: uniqueFiscalCode() })
      .expect(303)
      .expect('location', `/domande/${id}/stato`);
    const [row] = (await ctx.db.query(
      `SELECT status, integration_response->>'message' AS answer, integration_response->'fields' AS fields,
              data->>'months' AS months, data->>'childFiscalCode' AS child
         FROM applications WHERE id = $1`,
      [id],
    )) as { status: string; answer: string; fields: string[]; months: string; child: string }[];
    expect(row).toEqual({
      status: 'IN_REVIEW',
      answer: 'Allegata la retta firmata',
      fields: ['months'],
      months: '11',
      child,
    });
    const after = await ctx.http().get(`/domande/${id}/stato`).set('cookie', cookie).expect(200);
    expect(after.text).not.toContain(`href="/domande/${id}/integrazione"`);
    // The answer page is closed now, and a second answer with the old version is refused by the service.
    await ctx.http().get(`/domande/${id}/integrazione`).set('cookie', cookie).expect(303);
    await answer({ answer: 'Di nuovo' }).expect(409);
    const other = await signedIn(await seedAccount(ctx.db, [Role.APPLICANT]));
    await ctx.http().get(`/domande/${id}/stato`).set('cookie', other).expect(404);
    await ctx.http().get(`/domande/${id}/integrazione`).set('cookie', other).expect(404);
  });

  it('answers an integration request after the version the case was submitted under has left force', async () => {
    const account = await seedAccount(ctx.db, [Role.APPLICANT], { residence: '015146' });
    const cookie = await signedIn(account);
    const { id } = await submitted(cookie);
    const officer = await tokenFor(ctx, await seedAccount(ctx.db, [Role.OPERATOR], { atsCodes: ['321'] }));
    const auth = { authorization: `Bearer ${officer}` };
    const [{ version: v0, versionId }] = (await ctx.db.query(
      `SELECT version, measure_version_id AS "versionId" FROM applications WHERE id = $1`,
      [id],
    )) as { version: number; versionId: string }[];
    const v1 = (await ctx.http().post(`/api/v1/cases/${id}/take-in-charge`).set(auth).send({ version: v0 }).expect(200))
      .body.version as number;
    await ctx
      .http()
      .post(`/api/v1/cases/${id}/integration-request`)
      .set(auth)
      .send({ version: v1, message: 'Allegare la retta', days: 10 })
      .expect(200);
    // The version's validity ends within the applicant's term (a version's end, once set, is final).
    const now = ctx.clock.now();
    await ctx.db.query(`UPDATE measure_versions SET valid_to = $2 WHERE id = $1`, [
      versionId,
      new Date(now.getTime() + 3_600_000),
    ]);
    ctx.clock.advance(2 * 3_600_000);
    try {
      const later = await signedIn(account); // the first session has idled out meanwhile
      const page = await ctx.http().get(`/domande/${id}/integrazione`).set('cookie', later).expect(200);
      expect(page.text).toMatch(/name="months"[^>]*value="10"/);
      const version = /name="_version" value="(\d+)"/.exec(page.text)![1];
      await ctx
        .http()
        .post(`/domande/${id}/integrazione`)
        .set('cookie', later)
        .type('form')
        .send({ _csrf: csrfOf(page.text), _version: version, ...NIDI_FORM, answer: 'Allegata la retta', months: '11' })
        .expect(303)
        .expect('location', `/domande/${id}/stato`);
      const [row] = (await ctx.db.query(`SELECT status, data->>'months' AS months FROM applications WHERE id = $1`, [
        id,
      ])) as { status: string; months: string }[];
      expect(row).toEqual({ status: 'IN_REVIEW', months: '11' });
    } finally {
      ctx.clock.set(now);
    }
  });

  it('withdraws only with the confirmation ticked', async () => {
    const cookie = await signedIn(await seedAccount(ctx.db, [Role.APPLICANT], { residence: '015146' }));
    const { id, csrf } = await submitted(cookie);
    const version = /name="_version" value="(\d+)"/.exec(
      (await ctx.http().get(`/domande/${id}/stato`).set('cookie', cookie).expect(200)).text,
    )![1];
    await ctx
      .http()
      .post(`/domande/${id}/ritiro`)
      .set('cookie', cookie)
      .type('form')
      .send({ _csrf: csrf, _version: version })
      .expect(400);
    await ctx
      .http()
      .post(`/domande/${id}/ritiro`)
      .set('cookie', cookie)
      .type('form')
      .send({ _csrf: csrf, _version: version, withdraw: 'true' })
      .expect(303);
    const page = await ctx.http().get(`/domande/${id}/stato`).set('cookie', cookie).expect(200);
    expect(page.text).toContain('id="case-status">Ritirata');
    expect(page.text).not.toContain(`action="/domande/${id}/ritiro"`);
  });
});

describe('discarding a draft', () => {
  it('asks for a confirmation, deletes the owner’s draft only, and never a registered application', async () => {
    const account = await seedAccount(ctx.db, [Role.APPLICANT]);
    const cookie = await signedIn(account);
    const csrf = csrfOf((await ctx.http().get(`${NIDI}/domanda`).set('cookie', cookie).expect(200)).text);
    const id = (
      await ctx
        .http()
        .post(`${NIDI}/domanda`)
        .set('cookie', cookie)
        .type('form')
        .send({ _csrf: csrf, consent: 'true' })
        .expect(303)
    ).headers.location.split('/')[2];
    const area = await ctx.http().get('/area-personale').set('cookie', cookie).expect(200);
    expect(area.text).toContain(`href="/domande/${id}/elimina"`);
    const confirm = await ctx.http().get(`/domande/${id}/elimina`).set('cookie', cookie).expect(200);
    expect(confirm.text).toContain('name="discard"');
    const other = await signedIn(await seedAccount(ctx.db, [Role.APPLICANT]));
    await ctx.http().get(`/domande/${id}/elimina`).set('cookie', other).expect(404);
    const otherCsrf = csrfOf((await ctx.http().get(`${NIDI}/domanda`).set('cookie', other).expect(200)).text);
    await ctx
      .http()
      .post(`/domande/${id}/elimina`)
      .set('cookie', other)
      .type('form')
      .send({ _csrf: otherCsrf, discard: 'true' })
      .expect(404);
    await ctx
      .http()
      .post(`/domande/${id}/elimina`)
      .set('cookie', cookie)
      .type('form')
      .send({ _csrf: csrf })
      .expect(400);
    expect(await draftCount(account.email)).toBe(1);
    await ctx
      .http()
      .post(`/domande/${id}/elimina`)
      .set('cookie', cookie)
      .type('form')
      .send({ _csrf: csrf, discard: 'true' })
      .expect(303)
      .expect('location', '/area-personale?eliminata=1');
    expect(await draftCount(account.email)).toBe(0);
    expect((await ctx.http().get('/area-personale?eliminata=1').set('cookie', cookie).expect(200)).text).toContain(
      'Bozza eliminata.',
    );
    await ctx.http().get(`/domande/${id}/elimina`).set('cookie', cookie).expect(404);
  });

  it('a registered application is not discarded: its confirmation page leads to the case, the post is refused', async () => {
    const account = await seedAccount(ctx.db, [Role.APPLICANT], { residence: MILANO });
    const { id } = await draftAndSubmit(ctx, await tokenFor(ctx, account), 'ORFANI-FEMMINICIDIO', orphanForm());
    const cookie = await signedIn(account);
    await ctx
      .http()
      .get(`/domande/${id}/elimina`)
      .set('cookie', cookie)
      .expect(303)
      .expect('location', `/domande/${id}/stato`);
    const csrf = csrfOf((await ctx.http().get('/area-personale/profilo').set('cookie', cookie).expect(200)).text);
    await ctx
      .http()
      .post(`/domande/${id}/elimina`)
      .set('cookie', cookie)
      .type('form')
      .send({ _csrf: csrf, discard: 'true' })
      .expect(409);
    expect(await draftCount(account.email)).toBe(1);
  });
});

describe('the inbox', () => {
  it('lists the messages (neutral for a sealed measure), counts the unread in the personal area and marks one read; another person’s is not found', async () => {
    const account = await seedAccount(ctx.db, [Role.APPLICANT], { residence: MILANO });
    const token = await tokenFor(ctx, account);
    const { receipt } = await draftAndSubmit(ctx, token, 'ORFANI-FEMMINICIDIO', orphanForm());
    const cookie = await signedIn(account);
    const area = await ctx.http().get('/area-personale').set('cookie', cookie).expect(200);
    expect(area.text).toContain('Messaggi (1 da leggere)');
    const inbox = await ctx.http().get('/area-personale/messaggi').set('cookie', cookie).expect(200);
    expect(inbox.text).toContain('Aggiornamento sulla tua pratica');
    expect(inbox.text).toContain(receipt.protocolNumber);
    expect(inbox.text).not.toMatch(/orfan|femminic|violen|crimin/i);
    expect(inbox.text).toMatch(/<title>Messaggi/);
    const [{ id: messageId }] = (await ctx.db.query(`SELECT id FROM inbox_messages WHERE user_id = $1`, [
      account.id,
    ])) as { id: string }[];
    expect(inbox.text).toContain(`action="/area-personale/messaggi/${messageId}/letto"`);
    // Someone else cannot mark it (nor learn it exists).
    const other = await signedIn(await seedAccount(ctx.db, [Role.APPLICANT]));
    const otherCsrf = csrfOf((await ctx.http().get('/area-personale/profilo').set('cookie', other).expect(200)).text);
    await ctx
      .http()
      .post(`/area-personale/messaggi/${messageId}/letto`)
      .set('cookie', other)
      .type('form')
      .send({ _csrf: otherCsrf })
      .expect(404);
    expect((await ctx.http().get('/area-personale/messaggi').set('cookie', other).expect(200)).text).toContain(
      'Non hai messaggi.',
    );
    await ctx
      .http()
      .post(`/area-personale/messaggi/${messageId}/letto`)
      .set('cookie', cookie)
      .type('form')
      .send({ _csrf: csrfOf(inbox.text) })
      .expect(303)
      .expect('location', '/area-personale/messaggi');
    const read = await ctx.http().get('/area-personale/messaggi').set('cookie', cookie).expect(200);
    expect(read.text).toContain('Messaggi non letti: 0');
    expect(read.text).not.toContain('/letto"');
    // The same state through the API.
    expect((await ctx.http().get('/api/v1/inbox').set(bearer(token)).expect(200)).body.unread).toBe(0);
  });
});

describe('the profile', () => {
  it('updates the details (residence by name), the notification preferences and the password, with errors on their fields', async () => {
    const account = await seedAccount(ctx.db, [Role.APPLICANT]);
    const cookie = await signedIn(account);
    const page = await ctx.http().get('/area-personale/profilo').set('cookie', cookie).expect(200);
    expect(page.text).toContain(account.email);
    const csrf = csrfOf(page.text);
    const post = (path: string, body: Record<string, string>) =>
      ctx
        .http()
        .post(`/area-personale/profilo${path}`)
        .set('cookie', cookie)
        .type('form')
        .send({ _csrf: csrf, ...body });
    const details = { firstName: 'Lucia', lastName: 'Neri', residence: 'Atlantide', language: 'it' };
    const unknown = await post('', details).expect(400);
    expect(unknown.text).toMatch(/id="f-residence"[^>]*aria-invalid="true"/);
    expect(unknown.text).toContain('value="Atlantide"');
    await post('', { ...details, firstName: '' }).expect(400);
    await post('', { ...details, residence: 'bergamo', language: 'en' })
      .expect(303)
      .expect('location', '/area-personale/profilo?salvato=dati&lang=en');
    const [user] = (await ctx.db.query(
      `SELECT first_name AS "firstName", residence_municipality_code AS code, language FROM users WHERE id = $1`,
      [account.id],
    )) as { firstName: string; code: string; language: string }[];
    expect(user).toEqual({ firstName: 'Lucia', code: '016024', language: 'en' });

    // E-mail on, App IO off: an unticked box is a "no".
    await post('/notifiche', { email: 'true' }).expect(303);
    const token = await tokenFor(ctx, account);
    expect(
      (await ctx.http().get('/api/v1/me/notification-preferences').set(bearer(token)).expect(200)).body,
    ).toMatchObject({ email: true, appIo: false });
    expect((await ctx.http().get('/area-personale/profilo').set('cookie', cookie).expect(200)).text).toMatch(
      /id="f-appIo"(?![^>]*checked)[^>]*>/,
    );

    const wrong = await post('/password', {
      currentPassword: 'not-my-password',
      newPassword: 'una-nuova-frase-lunga',
    }).expect(400);
    expect(wrong.text).toMatch(/id="f-currentPassword"[^>]*aria-invalid="true"/);
    await post('/password', { currentPassword: account.password, newPassword: 'corta' }).expect(400);
    await post('/password', { currentPassword: account.password, newPassword: 'una-nuova-frase-lunga' })
      .expect(303)
      .expect('location', '/area-personale/profilo?salvato=password');
    // This browser session stays; the API token of the other session has ended.
    await ctx.http().get('/area-personale/profilo').set('cookie', cookie).expect(200);
    await ctx.http().get('/api/v1/me').set(bearer(token)).expect(401);
    await signIn(ctx, { email: account.email, password: 'una-nuova-frase-lunga' });
  });
});
