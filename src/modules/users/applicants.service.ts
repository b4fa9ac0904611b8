import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { hasRole, type Principal } from '../../common/access/principal.js';
import { likePrefix, pageByLastName } from '../../common/database/sql.js';
import { TerritoryService } from '../territory/territory.service.js';
import { scopeCovers } from '../territory/territory-scope.js';
import type { ProfileDto } from './dto/profile.dto.js';
import type { ApplicantQueryDto } from './dto/staff.dto.js';
import { Role } from '../../common/access/role.js';
import { User } from './user.entity.js';
import { UsersService } from './users.service.js';
import { UsersErrors } from './users.errors.js';

/** Applicants' personal data as staff see it: only residents of the officer's territory. */
@Injectable()
export class ApplicantsService {
  constructor(
    private readonly db: DataSource,
    private readonly users: UsersService,
    private readonly territory: TerritoryService,
  ) {}

  async get(actor: Principal, id: string): Promise<ProfileDto> {
    const user = await this.db.getRepository(User).findOneBy({ id });
    if (!user || !user.roles.includes(Role.APPLICANT) || !(await this.mayRead(actor, user))) {
      throw UsersErrors.applicantNotFound();
    }
    return this.users.profileOf(id);
  }

  /** Search within the caller's territory only; the territory filter is part of the query itself. */
  async search(actor: Principal, query: ApplicantQueryDto): Promise<{ items: ProfileDto[]; total: number }> {
    const qb = this.db
      .getRepository(User)
      .createQueryBuilder('u')
      .innerJoin('municipalities', 'm', 'm.istat_code = u.residence_municipality_code')
      .where(`'APPLICANT' = ANY(u.roles)`)
      .andWhere('(m.ats_code = ANY(:ats) OR m.ambito_code = ANY(:ambiti))', {
        ats: actor.scope.atsCodes,
        ambiti: actor.scope.ambitoCodes,
      });
    if (query.fiscalCode) qb.andWhere('u.fiscal_code = :cf', { cf: query.fiscalCode });
    if (query.lastName) {
      qb.andWhere('lower(u.last_name) LIKE :ln', { ln: likePrefix(query.lastName) });
    }
    const [users, total] = await pageByLastName(qb, 'u', query);
    return { items: await this.users.profilesOf(users), total };
  }

  private async mayRead(actor: Principal, applicant: User): Promise<boolean> {
    if (actor.id === applicant.id) return true;
    if (!hasRole(actor, Role.OPERATOR, Role.MANAGER)) return false;
    return scopeCovers(actor.scope, await this.territory.residenceOf(applicant.residenceMunicipalityCode));
  }
}
