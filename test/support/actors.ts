import type Test from 'supertest/lib/test.js';
import type { Role } from '../../src/common/access/role.js';
import { seedAccount, tokenFor, type Account, type TestContext } from './test-app.js';

type SeedOptions = Parameters<typeof seedAccount>[2];

/**
 * A signed-in caller of the API, one line per role: every call goes to /api/v1 with the bearer
 * token set, so a test reads as who does what (after twenty's makeRestAPIRequest).
 */
export interface Actor {
  id: string;
  account: Account;
  token: string;
  get(path: string): Test;
  delete(path: string): Test;
  post(path: string, body?: object): Test;
  put(path: string, body?: object): Test;
  patch(path: string, body?: object): Test;
}

const API = '/api/v1';

/** Seeds an account with these roles (and scopes, residence...) and signs it in. */
export async function actor(ctx: TestContext, roles: Role | Role[], options: SeedOptions = {}): Promise<Actor> {
  const account = await seedAccount(ctx.db, Array.isArray(roles) ? roles : [roles], options);
  return actorOf(ctx, account);
}

/** Signs in an account that already exists. */
export async function actorOf(ctx: TestContext, account: Account): Promise<Actor> {
  const token = await tokenFor(ctx, account);
  const auth = { authorization: `Bearer ${token}` };
  const withBody = (req: Test, body?: object) => (body === undefined ? req : req.send(body));
  return {
    id: account.id,
    account,
    token,
    get: (path) =>
      ctx
        .http()
        .get(API + path)
        .set(auth),
    delete: (path) =>
      ctx
        .http()
        .delete(API + path)
        .set(auth),
    post: (path, body) =>
      withBody(
        ctx
          .http()
          .post(API + path)
          .set(auth),
        body,
      ),
    put: (path, body) =>
      withBody(
        ctx
          .http()
          .put(API + path)
          .set(auth),
        body,
      ),
    patch: (path, body) =>
      withBody(
        ctx
          .http()
          .patch(API + path)
          .set(auth),
        body,
      ),
  };
}
