import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants.js';
import { MetadataScanner, ModulesContainer, Reflector } from '@nestjs/core';
import { ACCESS_POLICY, type AccessPolicy } from '../../src/common/access/access-policy.js';
import type { TestContext } from './test-app.js';

export interface Route {
  method: string;
  path: string;
  handler: string;
  policy: AccessPolicy | undefined;
}

/** Every route Nest registered, from its controllers' metadata, with the policy it declares. */
export function discoverRoutes(context: TestContext): Route[] {
  const scanner = new MetadataScanner();
  const reflector = new Reflector();
  const found: Route[] = [];
  const controllers = [...context.app.get(ModulesContainer).values()].flatMap((m) => [...m.controllers.values()]);
  for (const wrapper of controllers) {
    const type = wrapper.metatype as (new (...args: never[]) => unknown) | undefined;
    if (!type || !wrapper.instance) continue;
    const base = String(Reflect.getMetadata(PATH_METADATA, type) ?? '');
    const proto = Object.getPrototypeOf(wrapper.instance) as Record<string, () => unknown>;
    for (const name of scanner.getAllMethodNames(proto)) {
      const fn = proto[name];
      const sub = Reflect.getMetadata(PATH_METADATA, fn) as string | undefined;
      if (sub === undefined) continue;
      const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, fn) as number];
      const policy = reflector.getAllAndOverride<AccessPolicy | undefined>(ACCESS_POLICY, [fn, type]);
      found.push({
        method,
        path: `/api/v1/${[base, sub].filter((p) => p && p !== '/').join('/')}`.replace(/\/+/g, '/'),
        handler: `${type.name}.${name}`,
        policy,
      });
    }
  }
  return found.sort((a, b) => `${a.path} ${a.method}`.localeCompare(`${b.path} ${b.method}`));
}

/** The tables' row counts and a checksum of their content: equal before and after means nothing changed. */
export async function databaseFingerprint(
  context: TestContext,
  exclude: string[] = [],
): Promise<Record<string, string>> {
  const tables: { name: string }[] = await context.db.query(
    `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1`,
  );
  const out: Record<string, string> = {};
  for (const { name } of tables.filter((t) => !exclude.includes(t.name))) {
    const [row] = await context.db.query(
      `SELECT count(*)::text AS n, md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) AS h FROM "${name}" t`,
    );
    out[name] = `${row.n}:${row.h}`;
  }
  return out;
}
