/**
 * Abuse tests: the access matrix, generated from the router.
 * Every route × every role (and anonymous) × the resource it names — the caller's own case or
 * account, someone else's, one of another territory, a sealed case not assigned, a draft — must
 * answer what the route's declared policy and the documented ownership and territory rules say
 * (docs/applications.md, "Territory and sealed cases"): a role outside @Allow gets 403 (401
 * without a token); a record the caller may not see is a 404, indistinguishable from a missing one.
 * Requests never change a record: commands carry a stale version, ids of other routes are random.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { SAMPLE_APPLICATIONS } from '../src/modules/measures/domain/reference-measures/sample-applications.js';
import { Role } from '../src/common/access/role.js';
import { bearer, draftAndSubmit } from './support/cases.js';
import { orphanForm } from './support/case-fixtures.js';
import { uniqueFiscalCode } from './support/fiscal-codes.js';
import { discoverRoutes, type Route } from './support/routes.js';
import { createTestApp, seedAccount, tokenFor, type TestContext } from './support/test-app.js';

const BRESCIA = '017029'; // ATS 326 (Brescia)
const BERGAMO = '016024'; // ATS 325 (Bergamo)
const STALE_VERSION = 999_999;

type Caller = Role | 'anonymous';
type Resource = 'own' | 'others' | 'otherTerritory' | 'sealedUnassigned' | 'ownDraft';
const CALLERS: Caller[] = [
  Role.APPLICANT,
  Role.OPERATOR,
  Role.MANAGER,
  Role.CAV_OPERATOR,
  Role.ADMIN,
  Role.AUDITOR,
  'anonymous',
];

let ctx: TestContext;
let routes: Route[];
const tokens: Partial<Record<Caller, string>> = {};
/** Case ids and applicant (account) ids per resource kind. */
const cases = {} as Record<Resource, string>;
const applicants = {} as Partial<Record<Resource, string>>;
let bodies: Record<string, Record<string, unknown>> = {};

/**
 * Who sees which record (docs/applications.md): the APPLICANT their own cases and account; the
 * OPERATOR and MANAGER of ATS Brescia the submitted cases and the residents of their territory,
 * sealed cases only the MANAGER of the office (ATS Brescia runs the orphans' fund) or the OPERATOR
 * assigned (none here); no officer sees a draft. CAV_OPERATOR owns nothing in this fixture.
 */
const VISIBLE: Partial<Record<Caller, Resource[]>> = {
  [Role.APPLICANT]: ['own', 'ownDraft'],
  [Role.OPERATOR]: ['own', 'others'],
  [Role.MANAGER]: ['own', 'others', 'sealedUnassigned'],
};

const isCaseRoute = (r: Route) => /^\/api\/v1\/(applications|cases)\/:id\b/.test(r.path);
const isApplicantRoute = (r: Route) => r.path.startsWith('/api/v1/applicants/:id');

beforeAll(async () => {
  ctx = await createTestApp({ DATABASE_POOL_SIZE: '10' });
  routes = discoverRoutes(ctx);
  const a = await seedAccount(ctx.db, [Role.APPLICANT], { residence: BRESCIA });
  const c = await seedAccount(ctx.db, [Role.APPLICANT], { residence: BRESCIA });
  const b = await seedAccount(ctx.db, [Role.APPLICANT], { residence: BERGAMO });
  tokens[Role.APPLICANT] = await tokenFor(ctx, a);
  tokens[Role.OPERATOR] = await tokenFor(ctx, await seedAccount(ctx.db, [Role.OPERATOR], { atsCodes: ['326'] }));
  tokens[Role.MANAGER] = await tokenFor(ctx, await seedAccount(ctx.db, [Role.MANAGER], { atsCodes: ['326'] }));
  tokens[Role.CAV_OPERATOR] = await tokenFor(ctx, await seedAccount(ctx.db, [Role.CAV_OPERATOR]));
  tokens[Role.ADMIN] = await tokenFor(ctx, await seedAccount(ctx.db, [Role.ADMIN]));
  tokens[Role.AUDITOR] = await tokenFor(ctx, await seedAccount(ctx.db, [Role.AUDITOR]));
  const cToken = await tokenFor(ctx, c);
  const b1 = (residence: string) => ({
    ...SAMPLE_APPLICATIONS['B1-FNA-2025'],
    beneficiaryFiscalCode: uniqueFiscalCode(),
    residenceIstatCode: residence,
  });
  // A REGION measure: the case belongs to the territory of the beneficiary's residence.
  cases.own = (await draftAndSubmit(ctx, tokens[Role.APPLICANT], 'B1-FNA-2025', b1(BRESCIA))).id;
  cases.others = (await draftAndSubmit(ctx, cToken, 'B1-FNA-2025', b1(BRESCIA))).id;
  cases.otherTerritory = (await draftAndSubmit(ctx, await tokenFor(ctx, b), 'B1-FNA-2025', b1(BERGAMO))).id;
  cases.sealedUnassigned = (
    await draftAndSubmit(ctx, cToken, 'ORFANI-FEMMINICIDIO', orphanForm({ residenceIstatCode: BRESCIA }))
  ).id;
  cases.ownDraft = (
    await ctx
      .http()
      .post('/api/v1/applications')
      .set(bearer(tokens[Role.APPLICANT]))
      .send({ measureCode: 'B1-FNA-2025', data: {} })
      .expect(201)
  ).body.id;
  Object.assign(applicants, { own: a.id, others: c.id, otherTerritory: b.id });
  // A well-formed command body per write route (required fields from the OpenAPI document), with
  // a stale version: a caller who may act gets a 409, never a change.
  const doc = (await ctx.http().get('/api/openapi.json').expect(200)).body;
  const resolve = (s: Record<string, unknown> | undefined) =>
    s?.$ref ? doc.components.schemas[String(s.$ref).split('/').pop()!] : s;
  const sample = (name: string, s: Record<string, unknown> | undefined): unknown => {
    const schema = resolve(s) ?? {};
    if (name === 'version') return STALE_VERSION;
    if (Array.isArray(schema.enum)) return schema.enum[0];
    if (schema.type === 'integer' || schema.type === 'number') return Number(schema.minimum ?? 1);
    if (schema.type === 'boolean') return true;
    if (schema.type === 'array') return [];
    if (schema.type === 'object' || schema.properties) return {};
    return 'Motivazione di prova per la matrice di accesso';
  };
  bodies = {};
  for (const r of routes.filter((x) => x.method !== 'GET')) {
    const op = doc.paths[r.path.replace(/:([A-Za-z]+)/g, '{$1}')]?.[r.method.toLowerCase()];
    const schema = resolve(op?.requestBody?.content?.['application/json']?.schema);
    const props = (schema?.properties ?? {}) as Record<string, Record<string, unknown>>;
    bodies[`${r.method} ${r.path}`] = Object.fromEntries(
      ((schema?.required ?? []) as string[]).map((n) => [n, sample(n, props[n])]),
    );
  }
});
afterAll(() => ctx?.close());

interface Cell {
  route: Route;
  caller: Caller;
  resource?: Resource;
}

/** Other path parameters: values that name nothing, so a command can never land anywhere. */
const fill = (path: string, id: string) =>
  path
    .replace(':id', id)
    .replace(':istatCode', '999999')
    .replace(':code', 'NO-SUCH-MEASURE')
    .replace(':version', '1')
    .replace(/:[A-Za-z]+/g, randomUUID());

function cellsFor(route: Route): Cell[] {
  return CALLERS.flatMap((caller) => {
    if (isCaseRoute(route)) {
      const kinds: Resource[] = ['own', 'others', 'otherTerritory', 'sealedUnassigned'];
      if (route.method === 'GET') kinds.push('ownDraft'); // a draft is never sent a command here
      return kinds.map((resource) => ({ route, caller, resource }));
    }
    if (isApplicantRoute(route)) {
      return (['own', 'others', 'otherTerritory'] as Resource[]).map((resource) => ({ route, caller, resource }));
    }
    return [{ route, caller }];
  });
}

function expected(cell: Cell): 'allow' | 401 | 403 | 404 {
  const { policy } = cell.route;
  if (policy?.kind === 'public') return 'allow';
  if (cell.caller === 'anonymous') return 401;
  if (!policy || !policy.roles.includes(cell.caller)) return 403;
  if (!cell.resource) return 'allow';
  return VISIBLE[cell.caller]?.includes(cell.resource) ? 'allow' : 404;
}

async function call(cell: Cell) {
  const { route, caller, resource } = cell;
  const id = resource ? (isApplicantRoute(route) ? applicants[resource]! : cases[resource]) : randomUUID();
  const req = ctx.http()[route.method.toLowerCase() as 'get'](fill(route.path, id));
  if (caller !== 'anonymous') req.set(bearer(tokens[caller]!));
  if (route.method !== 'GET') req.send(bodies[`${route.method} ${route.path}`] ?? {});
  const res = await req;
  return { status: res.status, code: res.body?.code as string | undefined };
}

/** Runs the cells with at most `width` requests in flight. */
async function pool<T, R>(items: T[], width: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await fn(items[i]);
      }
    }),
  );
  return out;
}

describe('the access matrix: every route × every role × own / others / other territory / sealed', () => {
  it('every cell answers what the declared policy and the ownership and territory rules say', async () => {
    const started = Date.now();
    const cells = routes.flatMap(cellsFor);
    const results = await pool(cells, 6, call);
    // What a caller who may see the record gets, per route and role: when the request is refused
    // before any record is read (body validation, 400/415), a hidden record gives the same answer
    // as a visible one, which reveals nothing either.
    const visibleStatus = new Map<string, number>();
    cells.forEach((cell, i) => {
      if (cell.resource && expected(cell) === 'allow') {
        visibleStatus.set(`${cell.route.method} ${cell.route.path}`, results[i].status);
      }
    });
    const wrong: string[] = [];
    cells.forEach((cell, i) => {
      const want = expected(cell);
      const { status, code } = results[i];
      const where = `${cell.route.method} ${cell.route.path} as ${cell.caller}${cell.resource ? ` on ${cell.resource}` : ''}`;
      if (status >= 500) wrong.push(`${where}: ${status} ${code}`);
      // Allowed through the guard: no UNAUTHENTICATED / FORBIDDEN (a wrong current password on
      // PUT /me/password is a 401 AUTH_INVALID_CREDENTIALS: the command's own check, not access).
      else if (want === 'allow' && ['UNAUTHENTICATED', 'FORBIDDEN'].includes(String(code))) {
        wrong.push(`${where}: expected allow, got ${status} ${code}`);
      } else if (
        want === 'allow' &&
        cell.resource &&
        status === 404 &&
        code === 'NOT_FOUND' &&
        !/:(?!id\b)[A-Za-z]+/.test(cell.route.path)
      ) {
        wrong.push(`${where}: expected allow, got 404`);
      } else if (want !== 'allow' && status !== want) {
        const sameAsVisible =
          want === 404 &&
          [400, 415].includes(status) &&
          visibleStatus.get(`${cell.route.method} ${cell.route.path}`) === status;
        if (!sameAsVisible) wrong.push(`${where}: expected ${want}, got ${status} ${code}`);
      }
    });
    const resourceRoutes = routes.filter((r) => isCaseRoute(r) || isApplicantRoute(r)).length;
    console.log(
      `access matrix: ${routes.length} routes (${resourceRoutes} on a case or applicant) × ${CALLERS.length} callers = ${cells.length} cells in ${Date.now() - started} ms`,
    );
    expect(wrong).toEqual([]);
  });
});
