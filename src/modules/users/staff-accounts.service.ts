import { Injectable } from '@nestjs/common';
import { DataSource, In, type EntityManager } from 'typeorm';
import { Clock } from '../../common/clock/clock.js';
import { likePrefix, pageByLastName } from '../../common/database/sql.js';
import { TransactionService } from '../../common/database/transaction.service.js';
import type { Principal } from '../../common/access/principal.js';
import { personalDigest } from '../audit-log/audit-chain.js';
import { AuditService } from '../audit-log/audit.service.js';
import { RefreshTokenService } from '../sessions/refresh-token.service.js';
import { TerritoryService } from '../territory/territory.service.js';
import type { TerritorialScopeDto } from '../territory/dto/territory.dto.js';
import type { AccountDto, AccountQueryDto, CreateStaffDto, CreatedStaffDto, UpdateStaffDto } from './dto/staff.dto.js';
import { Role, TERRITORIAL_ROLES } from '../../common/access/role.js';
import { brokenRoleRule } from './role-rules.js';
import { UsersErrors } from './users.errors.js';
import { UserScope } from './user-scope.entity.js';
import { User } from './user.entity.js';
import { scopeOf, UsersService } from './users.service.js';

/** ADMIN's account management: staff accounts, roles, territorial scope, disabling. */
@Injectable()
export class StaffAccountsService {
  constructor(
    private readonly db: DataSource,
    private readonly tx: TransactionService,
    private readonly clock: Clock,
    private readonly users: UsersService,
    private readonly territory: TerritoryService,
    private readonly refreshTokens: RefreshTokenService,
    private readonly audit: AuditService,
  ) {}

  create(actor: Principal, dto: CreateStaffDto): Promise<CreatedStaffDto> {
    return this.tx.run(async (em) => {
      assertRoleRules(dto.roles);
      await this.assertScope(em, dto.roles, dto.scope);
      const { id, password } = await this.users.createAccount(em, dto);
      await this.replaceScope(em, id, dto.scope);
      const account = await this.accountOf(em, id);
      await this.audit.record(em, {
        actor,
        action: 'user.created',
        target: { type: 'user', id },
        change: { after: auditView(account) },
      });
      return { ...account, temporaryPassword: password };
    });
  }

  async list(query: AccountQueryDto): Promise<{ items: AccountDto[]; total: number }> {
    const qb = this.db.getRepository(User).createQueryBuilder('u');
    if (query.role) qb.andWhere(':role = ANY(u.roles)', { role: query.role });
    if (query.q) {
      const prefix = likePrefix(query.q);
      qb.andWhere('(lower(u.email) LIKE :p OR lower(u.last_name) LIKE :p)', { p: prefix });
    }
    const [users, total] = await pageByLastName(qb, 'u', query);
    const scopes = users.length
      ? await this.db.getRepository(UserScope).findBy({ userId: In(users.map((u) => u.id)) })
      : [];
    return {
      items: users.map((u) =>
        toAccount(
          u,
          scopes.filter((s) => s.userId === u.id),
        ),
      ),
      total,
    };
  }

  get(id: string): Promise<AccountDto> {
    return this.accountOf(this.db.manager, id);
  }

  update(actor: Principal, id: string, dto: UpdateStaffDto): Promise<AccountDto> {
    return this.tx.run(async (em) => {
      const user = await em.findOne(User, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!user) throw UsersErrors.userNotFound();
      if (user.version !== dto.version) {
        throw UsersErrors.staleVersion();
      }
      const roles = dto.roles ?? user.roles;
      if (roles.includes(Role.APPLICANT) !== user.roles.includes(Role.APPLICANT)) {
        throw UsersErrors.applicantStaffSwap();
      }
      if (actor.id === id && !roles.includes(Role.ADMIN)) {
        throw UsersErrors.ownAdminRole();
      }
      assertRoleRules(roles);
      const before = auditView(toAccount(user, await em.findBy(UserScope, { userId: id })));
      const scope = dto.scope ?? scopeOf(await em.findBy(UserScope, { userId: id }));
      await this.assertScope(em, roles, scope);
      user.roles = roles;
      user.firstName = dto.firstName ?? user.firstName;
      user.lastName = dto.lastName ?? user.lastName;
      user.updatedAt = this.clock.now();
      await em.save(User, user);
      if (dto.scope) await this.replaceScope(em, id, dto.scope);
      const account = await this.accountOf(em, id);
      await this.audit.record(em, {
        actor,
        action: 'user.updated',
        target: { type: 'user', id },
        change: { before, after: auditView(account) },
      });
      return account;
    });
  }

  /** Disabling takes effect at once: access tokens are re-checked per request, sessions revoked. */
  setDisabled(actor: Principal, id: string, disabled: boolean): Promise<AccountDto> {
    return this.tx.run(async (em) => {
      if (actor.id === id && disabled) {
        throw UsersErrors.ownAccountDisabled();
      }
      const user = await em.findOne(User, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!user) throw UsersErrors.userNotFound();
      const before = { disabledAt: user.disabledAt?.toISOString() ?? null };
      user.disabledAt = disabled ? (user.disabledAt ?? this.clock.now()) : null;
      user.updatedAt = this.clock.now();
      await em.save(User, user);
      if (disabled) await this.refreshTokens.revokeAllForUser(em, id);
      const account = await this.accountOf(em, id);
      await this.audit.record(em, {
        actor,
        action: disabled ? 'user.disabled' : 'user.enabled',
        target: { type: 'user', id },
        change: { before, after: { disabledAt: account.disabledAt } },
      });
      return account;
    });
  }

  private async assertScope(em: EntityManager, roles: Role[], scope: TerritorialScopeDto): Promise<void> {
    const territorial = roles.some((r) => TERRITORIAL_ROLES.includes(r));
    if (territorial && scope.atsCodes.length + scope.ambitoCodes.length === 0) {
      throw UsersErrors.scopeRequired();
    }
    await this.territory.assertScopeExists(em, scope.atsCodes, scope.ambitoCodes);
  }

  private async replaceScope(em: EntityManager, userId: string, scope: TerritorialScopeDto): Promise<void> {
    await em.delete(UserScope, { userId });
    const rows = [
      ...scope.atsCodes.map((atsCode) => ({ userId, atsCode, ambitoCode: null })),
      ...scope.ambitoCodes.map((ambitoCode) => ({ userId, atsCode: null, ambitoCode })),
    ];
    if (rows.length) await em.insert(UserScope, rows);
  }

  private async accountOf(em: EntityManager, id: string): Promise<AccountDto> {
    const user = await em.findOneBy(User, { id });
    if (!user) throw UsersErrors.userNotFound();
    return toAccount(user, await em.findBy(UserScope, { userId: id }));
  }
}

/** Separation of duties: refuses roles one person must not hold together, naming the rule. */
function assertRoleRules(roles: Role[]): void {
  const broken = brokenRoleRule(roles);
  if (!broken) return;
  throw UsersErrors.rolesIncompatible(broken);
}

/** An account as the audit log holds it: e-mail and names as SHA-256 (personal data). */
function auditView(a: AccountDto) {
  return {
    emailSha256: personalDigest(a.email.toLowerCase()),
    firstNameSha256: personalDigest(a.firstName),
    lastNameSha256: personalDigest(a.lastName),
    roles: a.roles,
    scope: a.scope,
    disabledAt: a.disabledAt,
    version: a.version,
  };
}

function toAccount(user: User, scopes: UserScope[]): AccountDto {
  return {
    id: user.id,
    email: user.email,
    firstName: user.firstName,
    lastName: user.lastName,
    roles: user.roles,
    scope: scopeOf(scopes),
    disabledAt: user.disabledAt?.toISOString() ?? null,
    createdAt: user.createdAt.toISOString(),
    version: user.version,
  };
}
