import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Role } from '../src/common/access/role.js';
import { bearer } from './support/cases.js';
import { createTestApp, seedAccount, tokenFor, type TestContext } from './support/test-app.js';

/** Bull Board under /api/admin/queues: ADMIN only, the role re-checked on every request. */
let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestApp();
});
afterAll(async () => {
  await ctx?.close();
});

describe('queue dashboard', () => {
  it('ADMIN sees the board and every queue', async () => {
    const admin = await tokenFor(ctx, await seedAccount(ctx.db, [Role.ADMIN]));
    const page = await ctx.http().get('/api/admin/queues').set(bearer(admin)).expect(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    const api = await ctx.http().get('/api/admin/queues/api/queues').set(bearer(admin)).expect(200);
    expect(api.body.queues.map((q: { name: string }) => q.name).sort()).toEqual([
      'bulk',
      'maintenance',
      'notifications',
    ]);
  });

  it('anonymous, a forged token, other roles and a disabled ADMIN are refused', async () => {
    await ctx.http().get('/api/admin/queues').expect(401);
    await ctx.http().get('/api/admin/queues/api/queues').expect(401);
    await ctx.http().get('/api/admin/queues/api/queues').set(bearer('not.a.jwt')).expect(401);
    for (const role of [Role.APPLICANT, Role.OPERATOR, Role.MANAGER, Role.AUDITOR, Role.CAV_OPERATOR]) {
      const token = await tokenFor(
        ctx,
        await seedAccount(ctx.db, [role], role === Role.OPERATOR || role === Role.MANAGER ? { atsCodes: ['321'] } : {}),
      );
      const res = await ctx.http().get('/api/admin/queues/api/queues').set(bearer(token)).expect(403);
      expect(res.body).toMatchObject({ code: 'AUTH_ROLE_DENIED', status: 403 });
      await ctx.http().get('/api/admin/queues').set(bearer(token)).expect(403);
    }
    const account = await seedAccount(ctx.db, [Role.ADMIN]);
    const admin = await tokenFor(ctx, account);
    await ctx.http().get('/api/admin/queues/api/queues').set(bearer(admin)).expect(200);
    await ctx.db.query(`UPDATE users SET disabled_at = now() WHERE id = $1`, [account.id]);
    await ctx.http().get('/api/admin/queues/api/queues').set(bearer(admin)).expect(401);
  });

  it('the page loads in a browser: no third-party host, no inline style, its static files public and served', async () => {
    const admin = await tokenFor(ctx, await seedAccount(ctx.db, [Role.ADMIN]));
    const page = await ctx.http().get('/api/admin/queues').set(bearer(admin)).expect(200);
    expect(page.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(page.headers['x-frame-options']).toBe('DENY');
    expect(page.text).not.toMatch(/https?:\/\/|fonts\.googleapis|\/\/fonts/);
    expect(page.text).not.toMatch(/<style|\sstyle=/);
    expect(page.text).not.toMatch(/<script(?![^>]*\b(?:src=|type="application\/json"))[^>]*>/);
    const refs = [...page.text.matchAll(/\b(?:src|href)="([^"]*)"/g)].map((m) => m[1]);
    expect(refs.filter((r) => r.endsWith('.js')).length).toBeGreaterThan(0);
    expect(refs.filter((r) => r.endsWith('.css')).length).toBeGreaterThan(0);
    for (const ref of refs) {
      expect(ref).toMatch(/^\/api\/admin\/queues(\/|$)/);
      if (!ref.includes('/static/')) continue;
      // no Authorization header: what a browser sends for a <script src>
      const asset = await ctx.http().get(ref).buffer(true).expect(200);
      expect(asset.headers['content-security-policy']).toBeDefined();
    }
    // the data stay ADMIN-only, also when reached through the static prefix
    await ctx.http().get('/api/admin/queues').expect(401);
    await ctx.http().get('/api/admin/queues/api/queues').expect(401);
    const traversal = await ctx.http().get('/api/admin/queues/static/../api/queues');
    expect(traversal.status).not.toBe(200);
    expect(traversal.text).not.toContain('"queues"');
  });
});
