import { describe, expect, it } from '@jest/globals';
import { Role } from '../../common/access/role.js';
import { landingFor } from './landing.js';

describe('landingFor', () => {
  it('sends each kind of user to their own area', () => {
    expect(landingFor([Role.APPLICANT])?.href).toBe('/area-personale');
    expect(landingFor([Role.OPERATOR])?.href).toBe('/lavoro');
    expect(landingFor([Role.MANAGER, Role.OPERATOR])?.href).toBe('/lavoro');
    expect(landingFor([Role.CAV_OPERATOR])?.href).toBe('/lavoro/centro');
    expect(landingFor([Role.ADMIN])).toBeNull();
    expect(landingFor([Role.AUDITOR])).toBeNull();
  });
});
