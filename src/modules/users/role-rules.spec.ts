import { describe, expect, it } from '@jest/globals';
import { Role } from '../../common/access/role.js';
import { brokenRoleRule } from './role-rules.js';

describe('role combination rules', () => {
  it.each([
    [[Role.AUDITOR, Role.OPERATOR], 'AUDITOR_NOT_OPERATIONAL'],
    [[Role.MANAGER, Role.AUDITOR], 'AUDITOR_NOT_OPERATIONAL'],
    [[Role.AUDITOR, Role.CAV_OPERATOR], 'AUDITOR_NOT_OPERATIONAL'],
    [[Role.CAV_OPERATOR, Role.OPERATOR], 'CAV_NOT_REVIEWER'],
    [[Role.CAV_OPERATOR, Role.MANAGER], 'CAV_NOT_REVIEWER'],
    [[Role.ADMIN, Role.AUDITOR], 'ADMIN_NOT_AUDITOR'],
  ])('%j breaks %s', (roles, rule) => {
    expect(brokenRoleRule(roles)?.rule).toBe(rule);
  });

  it.each([
    [[Role.OPERATOR, Role.MANAGER]],
    [[Role.ADMIN, Role.OPERATOR]],
    [[Role.ADMIN, Role.CAV_OPERATOR]],
    [[Role.AUDITOR]],
    [[Role.CAV_OPERATOR]],
  ])('%j is allowed', (roles) => {
    expect(brokenRoleRule(roles)).toBeNull();
  });
});
