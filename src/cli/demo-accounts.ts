import type { DataSource } from 'typeorm';
import { hashPassword } from '../modules/users/password.js';
import { Role } from '../common/access/role.js';

export interface DemoAccount {
  role: Role;
  email: string;
  firstName: string;
  lastName: string;
  scope?: { atsCodes: string[]; ambitoCodes?: string[] };
  applicant?: { birthDate: string; fiscalCode: string; residenceMunicipalityCode: string };
}

/** One account per role; officers of ATS Brescia and of the Ambito di Seregno (B2), a citizen resident in Brescia. */
export const DEMO_ACCOUNTS: DemoAccount[] = [
  { role: Role.ADMIN, email: 'admin@sportello.demo', firstName: 'Anna', lastName: 'Amministratrice' },
  {
    role: Role.OPERATOR,
    email: 'istruttore.brescia@sportello.demo',
    firstName: 'Luca',
    lastName: 'Ferrari',
    scope: { atsCodes: ['326'] },
  },
  {
    role: Role.MANAGER,
    email: 'responsabile.brescia@sportello.demo',
    firstName: 'Giulia',
    lastName: 'Colombo',
    scope: { atsCodes: ['326'] },
  },
  {
    role: Role.OPERATOR,
    email: 'istruttore.seregno@sportello.demo',
    firstName: 'Marco',
    lastName: 'Brambilla',
    scope: { atsCodes: [], ambitoCodes: ['AMB-324-SEREGNO'] },
  },
  {
    role: Role.MANAGER,
    email: 'responsabile.seregno@sportello.demo',
    firstName: 'Elena',
    lastName: 'Sala',
    scope: { atsCodes: [], ambitoCodes: ['AMB-324-SEREGNO'] },
  },
  { role: Role.CAV_OPERATOR, email: 'cav@sportello.demo', firstName: 'Sara', lastName: 'Galli' },
  { role: Role.AUDITOR, email: 'auditor@sportello.demo', firstName: 'Paolo', lastName: 'Verdi' },
  {
    role: Role.APPLICANT,
    email: 'cittadina@sportello.demo',
    firstName: 'Maria',
    lastName: 'Rossi',
    applicant: { birthDate: '1985-12-10', fiscalCode: 'RSSMRA85T50B157V', residenceMunicipalityCode: '017029' },
  },
];

/** Creates the demo accounts, or resets their password, so the printed credentials always work. */
export async function upsertDemoAccounts(ds: DataSource, password: string): Promise<void> {
  const passwordHash = await hashPassword(password);
  await ds.transaction(async (em) => {
    for (const a of DEMO_ACCOUNTS) {
      const [row] = await em.query(
        `INSERT INTO users (email, password_hash, roles, first_name, last_name, birth_date, fiscal_code, residence_municipality_code)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
         ON CONFLICT (email_canonical) DO UPDATE SET password_hash = EXCLUDED.password_hash, disabled_at = NULL,
           password_change_required = false, email_verified_at = coalesce(users.email_verified_at, now())
         RETURNING id`,
        [
          a.email,
          passwordHash,
          [a.role],
          a.firstName,
          a.lastName,
          a.applicant?.birthDate ?? null,
          a.applicant?.fiscalCode ?? null,
          a.applicant?.residenceMunicipalityCode ?? null,
        ],
      );
      for (const ats of a.scope?.atsCodes ?? []) {
        await em.query(`INSERT INTO user_scopes (user_id, ats_code) VALUES ($1, $2) ON CONFLICT DO NOTHING`, [
          row.id,
          ats,
        ]);
      }
      for (const ambito of a.scope?.ambitoCodes ?? []) {
        await em.query(`INSERT INTO user_scopes (user_id, ambito_code) VALUES ($1, $2) ON CONFLICT DO NOTHING`, [
          row.id,
          ambito,
        ]);
      }
    }
  });
}
