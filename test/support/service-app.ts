import 'reflect-metadata';
import { Test, type TestingModule } from '@nestjs/testing';
import { DataSource } from 'typeorm';
import { AppModule } from '../../src/app.module.js';
import { Clock, FixedClock } from '../../src/common/clock/clock.js';
import type { Principal } from '../../src/common/access/principal.js';
import type { Role } from '../../src/common/access/role.js';
import { createTestEnvironment, seedAccount, type Account } from './test-app.js';

export const TEST_START = new Date('2026-03-02T09:00:00Z');

export interface ServiceContext {
  module: TestingModule;
  db: DataSource;
  clock: FixedClock;
  /** A seeded account as the principal a service receives from the access guard. */
  principal(
    roles: Role | Role[],
    options?: Parameters<typeof seedAccount>[2],
  ): Promise<Principal & { account: Account }>;
  close(): Promise<void>;
}

/**
 * The application's providers on a private database cloned from the template, without HTTP:
 * services are called directly, as immich's "medium" tests do.
 */
export async function createServiceContext(): Promise<ServiceContext> {
  const { config, drop } = await createTestEnvironment();
  const clock = new FixedClock(TEST_START);
  const module = await Test.createTestingModule({ imports: [AppModule.forRoot(config)] })
    .overrideProvider(Clock)
    .useValue(clock)
    .compile();
  await module.init();
  const db = module.get(DataSource);
  return {
    module,
    db,
    clock,
    principal: async (roles, options = {}) => {
      const list = Array.isArray(roles) ? roles : [roles];
      const account = await seedAccount(db, list, options);
      return {
        id: account.id,
        roles: list,
        scope: { atsCodes: options.atsCodes ?? [], ambitoCodes: options.ambitoCodes ?? [] },
        account,
      };
    },
    close: async () => {
      await module.close();
      await drop();
    },
  };
}
