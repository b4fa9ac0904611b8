/**
 * Abuse tests: property-based fuzzing of every write endpoint.
 * Every POST/PUT/PATCH/DELETE route Nest registered gets random and malformed bodies, headers and
 * path ids, with a token of a role the route allows and without one. Every answer must be a 4xx
 * with an application/problem+json body, and the database must be unchanged after each route's
 * batch. The seed is fixed (in the test names): `FUZZ_SEED=<n> npm run jest -- test/fuzz-write`
 * replays a run with another seed; FUZZ_RUNS changes the runs per route and identity.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { Role } from '../src/common/access/role.js';
import { bearer, draftAndSubmit } from './support/cases.js';
import { MILANO, orphanForm } from './support/case-fixtures.js';
import { databaseFingerprint, discoverRoutes, type Route } from './support/routes.js';
import { createTestApp, seedAccount, tokenFor, type TestContext } from './support/test-app.js';

const SEED = Number(process.env.FUZZ_SEED ?? 20261121);
const RUNS = Number(process.env.FUZZ_RUNS ?? 20);

/**
 * Answers that are legitimately 2xx for a random input, by design. Logout revokes the refresh
 * token it is given if it exists and answers 204 whatever it is (no oracle for valid tokens).
 */
const SUCCESS_BY_DESIGN: Record<string, number[]> = { 'POST /api/v1/auth/logout': [204] };
/**
 * A multipart body is parsed only by the upload route; elsewhere the handler sees no body, and
 * PATCH /me, whose fields are all optional, is then an empty patch: 200, nothing changed (the
 * fingerprint below still checks that).
 */
const EMPTY_PATCH_BY_DESIGN = (key: string, type: string, status: number) =>
  key === 'PATCH /api/v1/me' && type.startsWith('multipart/') && status === 200;

let ctx: TestContext;
let writes: Route[];
const tokens: Partial<Record<Role, string>> = {};
const foreign: { applicationIds: string[]; userIds: string[] } = { applicationIds: [], userIds: [] };
let knownFields: Record<string, string[]> = {};

const ROLE_ORDER = [Role.APPLICANT, Role.CAV_OPERATOR, Role.OPERATOR, Role.MANAGER, Role.ADMIN, Role.AUDITOR];

beforeAll(async () => {
  ctx = await createTestApp();
  writes = discoverRoutes(ctx).filter((r) => r.method !== 'GET');
  // The fuzzing callers own nothing: every real id they are given belongs to someone else.
  for (const role of ROLE_ORDER) {
    tokens[role] = await tokenFor(
      ctx,
      await seedAccount(ctx.db, [role], role === Role.APPLICANT ? { residence: MILANO } : { atsCodes: ['321'] }),
    );
  }
  const owner = await seedAccount(ctx.db, [Role.APPLICANT], { residence: MILANO });
  const ownerToken = await tokenFor(ctx, owner);
  const sealed = await draftAndSubmit(ctx, ownerToken, 'ORFANI-FEMMINICIDIO', orphanForm());
  const draft = await ctx
    .http()
    .post('/api/v1/applications')
    .set(bearer(ownerToken))
    .send({ measureCode: 'ORFANI-FEMMINICIDIO', data: { applicantRole: 'guardian' } })
    .expect(201);
  foreign.applicationIds.push(sealed.id, draft.body.id);
  foreign.userIds.push(owner.id);
  // The request body's known fields, from the OpenAPI document, to send them with wrong types.
  const doc = (await ctx.http().get('/api/openapi.json').expect(200)).body;
  knownFields = {};
  for (const r of writes) {
    const op = doc.paths[r.path.replace(/:([A-Za-z]+)/g, '{$1}')]?.[r.method.toLowerCase()];
    const content = op?.requestBody?.content ?? {};
    const schema = (content['application/json'] ?? Object.values(content)[0])?.schema;
    const resolved = schema?.$ref ? doc.components.schemas[schema.$ref.split('/').pop()] : schema;
    knownFields[`${r.method} ${r.path}`] = Object.keys(resolved?.properties ?? {});
  }
});
afterAll(() => ctx?.close());

// --- arbitraries -----------------------------------------------------------------------------

const huge = fc.integer({ min: 10_000, max: 300_000 }).map((n) => 'x'.repeat(n));
const deep = fc
  .tuple(fc.integer({ min: 50, max: 5_000 }), fc.constantFrom('[', '{"a":'))
  .map(([depth, open]) =>
    open === '[' ? '['.repeat(depth) + ']'.repeat(depth) : '{"a":'.repeat(depth) + '1' + '}'.repeat(depth),
  );
const wrongValue = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.anything(), { maxLength: 3 }),
  fc.object({ maxDepth: 2 }),
  fc.constantFrom(
    '',
    ' ',
    '-1',
    'NaN',
    '1e309',
    '0x10',
    '9'.repeat(40),
    '../../etc/passwd',
    "'; DROP TABLE users; --",
    '\u0000',
    '<script>',
  ),
  // What PostgreSQL reads differently from JavaScript: numbers beyond integer/bigint columns,
  // NUL and lone surrogates (also in keys and nested), dates that are not calendar dates.
  fc.constantFrom(2 ** 31, 2 ** 53, 2 ** 63, 1e300, -(2 ** 63), 1.5, 0.1),
  fc.constantFrom(
    'a\u0000b',
    '\ud800',
    'x\udc00',
    '\udbff\udbff',
    '2026-02-30',
    '2026-W05-1',
    '2026-035',
    '2025-02-29',
    '0000-01-01',
    '2026-02-30T10:00:00+01:00',
  ),
  fc.constantFrom({ 'k\u0000': 1 }, { nested: { deeper: ['ok', '\ud83d'] } }, ['\u0000']),
  huge,
);

/** A raw request body (always a string: the test chooses the content-type header). */
const bodyFor = (route: Route): fc.Arbitrary<string> => {
  const fields = knownFields[`${route.method} ${route.path}`] ?? [];
  const wrongTyped = fields.length
    ? fc
        .tuple(
          fc.constantFrom(...fields),
          wrongValue,
          fc.dictionary(fc.constantFrom(...fields), wrongValue, { maxKeys: 3 }),
        )
        .map(([field, value, rest]) => JSON.stringify({ ...rest, [field]: value }))
    : fc.constant('{"unexpected":true}');
  return fc.oneof(
    fc.anything().map((v) => JSON.stringify(v) ?? 'undefined'),
    // Objects that always carry a key no DTO declares (an empty object is a legal no-op PATCH).
    fc.object({ maxDepth: 3 }).map((o) => JSON.stringify({ ...o, 'zz-unknown': 1 })),
    wrongTyped,
    wrongTyped,
    huge.map((s) => JSON.stringify({ [fields[0] ?? 'text']: s, 'zz-unknown': 1 })),
    fc.constant(JSON.stringify({ payload: 'y'.repeat(1_100_000) })), // above the 1 MiB body limit
    deep,
    fc.constantFrom(
      '{"__proto__":{"polluted":true}}',
      '{"constructor":{"prototype":{"polluted":true}}}',
      `{"version":1,"__proto__":{"isAdmin":true},"data":{"__proto__":{"polluted":true}}}`,
      '{"a":1,',
      '{"a":1}}',
      "{'a':1}",
      '[1,2',
      '\u0000\u0001',
      '',
      'null',
      'true',
      '"string"',
      '12345678901234567890',
      '\uFEFF{}',
    ),
    fc.string({ unit: 'binary', maxLength: 200 }),
  );
};

const contentType = fc.constantFrom(
  'application/json',
  'application/json',
  'application/json; charset=utf-8',
  'application/json; charset=latin1',
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data',
  'multipart/form-data; boundary=----x',
  'application/xml',
  'application/problem+json',
  '*/*',
  'garbage',
);

const uuidLike = fc.oneof(
  fc.uuid(),
  fc.constant(randomUUID()),
  fc.constantFrom(
    '00000000-0000-0000-0000-000000000000',
    'ffffffff-ffff-ffff-ffff-ffffffffffff',
    '00000000-0000-4000-8000-00000000000',
  ),
);
const junkSegment = fc.oneof(
  fc.string({ minLength: 1, maxLength: 40 }),
  fc.constantFrom(
    '0',
    '-1',
    '1e3',
    'null',
    'undefined',
    '..',
    '%00',
    '%2e%2e',
    '%ZZ',
    'NaN',
    '9'.repeat(30),
    "' OR 1=1 --",
    'ÀÉÎ',
    'x'.repeat(2_000),
  ),
  fc.integer().map(String),
);
/**
 * Path ids: never a resource the caller may act on: other users' records, random or malformed ids.
 * An ADMIN may act on any account, so account ids are not "someone else's" under /admin/users;
 * an AUDITOR may re-run any decision (read-only, recorded), so case ids are not under /auditor.
 */
const paramValue = (route: Route, name: string) =>
  fc.oneof(
    uuidLike,
    junkSegment,
    fc.constantFrom(
      '00000000-0000-4000-8000-000000000000',
      ...(route.path.startsWith('/api/v1/auditor/') ? [] : foreign.applicationIds),
      ...(route.path.startsWith('/api/v1/admin/users') ? [] : foreign.userIds),
    ),
    ...(name === 'version' ? [fc.constantFrom('1', '0', '999999', '1.5')] : []),
  );

const authorization = (route: Route) => {
  const allowed =
    route.policy?.kind === 'roles'
      ? ROLE_ORDER.filter((r) => (route.policy as { roles: Role[] }).roles.includes(r))
      : [];
  const valid = allowed.length ? [fc.constantFrom(...allowed.map((r) => `Bearer ${tokens[r]}`))] : [];
  const sample = tokens[Role.ADMIN]!;
  return fc.oneof(
    ...valid,
    ...valid,
    fc.constant(undefined),
    fc.constantFrom(
      'Bearer',
      'Bearer ',
      'Basic YWRtaW46YWRtaW4=',
      'bearer x.y.z',
      `Bearer ${sample.slice(0, -3)}abc`,
      `Bearer ${sample}.extra`,
      `Token ${sample}`,
      `Bearer ${'A'.repeat(9_000)}`,
    ),
    fc.string({ maxLength: 60 }).map((s) => `Bearer ${s}`),
  );
};

const headerText = fc.oneof(fc.string({ maxLength: 80 }), fc.constant('k'.repeat(5_000)), fc.uuid());
const safeHeader = (s: string) => s.replace(/[^\x20-\x7e]/g, '?'); // HTTP headers: visible ASCII only

interface Attempt {
  path: string;
  body: string;
  contentType: string;
  authorization?: string;
  idempotencyKey?: string;
}

const attemptFor = (route: Route): fc.Arbitrary<Attempt> => {
  const names = [...route.path.matchAll(/:([A-Za-z]+)/g)].map((m) => m[1]);
  return fc
    .record({
      params: fc.tuple(...names.map((n) => paramValue(route, n)), fc.constant('')),
      body: bodyFor(route),
      contentType,
      authorization: authorization(route),
      idempotencyKey: fc.option(headerText, { nil: undefined }),
    })
    .map(({ params, body, contentType: type, authorization: auth, idempotencyKey }) => ({
      path: names.reduce(
        (p, n, i) => p.replace(`:${n}`, encodeURIComponent(params[i]).replace(/%25/g, '%')),
        route.path,
      ),
      body,
      contentType: type,
      authorization: auth === undefined ? undefined : safeHeader(auth),
      idempotencyKey: idempotencyKey === undefined ? undefined : safeHeader(idempotencyKey),
    }));
};

async function send(route: Route, a: Attempt) {
  const req = ctx.http()[route.method.toLowerCase() as 'post'](a.path).set('content-type', a.contentType);
  if (a.authorization !== undefined) req.set('authorization', a.authorization);
  if (a.idempotencyKey !== undefined) req.set('idempotency-key', a.idempotencyKey);
  return req.send(a.body);
}

describe(`fuzzing every write endpoint (fast-check seed ${SEED}, ${RUNS} runs per route)`, () => {
  it('covers every POST, PUT, PATCH and DELETE route', () => {
    expect(writes.length).toBeGreaterThan(40);
    console.log(`fuzz: ${writes.length} write routes × ${RUNS} runs, seed ${SEED}`);
  });

  it('every write route answers malformed input with a 4xx problem+json and changes nothing', async () => {
    const started = Date.now();
    const failures: string[] = [];
    for (const route of writes) {
      const key = `${route.method} ${route.path}`;
      const before = await databaseFingerprint(ctx);
      const result = await fc.check(
        fc.asyncProperty(attemptFor(route), async (a) => {
          const res = await send(route, a);
          if (SUCCESS_BY_DESIGN[key]?.includes(res.status) || EMPTY_PATCH_BY_DESIGN(key, a.contentType, res.status)) {
            return true;
          }
          const problem = /^application\/problem\+json/.test(String(res.headers['content-type']));
          if (res.status < 400 || res.status > 499 || !problem) {
            throw new Error(`${res.status} ${res.headers['content-type']} ${JSON.stringify(res.body).slice(0, 300)}`);
          }
          return true;
        }),
        { seed: SEED, numRuns: RUNS, endOnFailure: true },
      );
      if (result.failed) {
        const ex = result.counterexample?.[0];
        failures.push(
          `${key}: ${String(result.errorInstance).slice(0, 400)} — path ${ex?.path.slice(0, 120)} content-type ${ex?.contentType} body ${ex?.body.slice(0, 200)} auth ${ex?.authorization?.slice(0, 30)}`,
        );
      }
      const after = await databaseFingerprint(ctx);
      const changed = Object.keys(before).filter((t) => before[t] !== after[t]);
      if (changed.length) failures.push(`${key}: changed ${changed.join(', ')}`);
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
    console.log(`fuzz: ${writes.length * RUNS} requests in ${Date.now() - started} ms`);
    expect(failures).toEqual([]);
  });
});
