import { plainToInstance } from 'class-transformer';
import { Fragment } from 'preact';
import { validate } from 'class-validator';
import { AppError } from '../../../common/errors/app-error.js';
import { ERROR_CATALOG } from '../../../common/errors/error-catalog.js';
import { RegisterApplicantDto } from '../../auth/dto/register-applicant.dto.js';
import { Role } from '../../../common/access/role.js';
import { CsrfField, ErrorSummary, fieldAnchor, TextField, type FieldErrors } from '../components/form-controls.js';
import type { MessageKey } from '../i18n/messages.js';
import { Layout } from '../layout/layout.js';
import { landingFor } from '../landing.js';
import type { PageContext, PageResult, PageRoute } from '../page.js';
import { citizenMeasures } from '../measure/portal-measures.js';
import { residenceByName } from './residence.js';
import type { PortalServices } from '../portal-services.js';

const PUBLIC = { kind: 'public' } as const;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

const summaryOf = (errors: FieldErrors) =>
  Object.entries(errors).map(([name, message]) => ({ anchor: fieldAnchor(name), message }));

/** A service's refusal as the page shows it: its own Italian or English detail, on its field. */
function serviceErrors(error: AppError, lang: 'it' | 'en', fallbackField: string): FieldErrors {
  const fields = error.extra.errors?.map((e) => e.field) ?? [];
  const detail = error.detail[lang];
  return Object.fromEntries((fields.length ? fields : [fallbackField]).map((f) => [f, detail]));
}

function LoginPage(ctx: PageContext, csrf: string, email: string, errors: FieldErrors, notice: MessageKey | null) {
  const { t } = ctx;
  return (
    <Layout chrome={ctx.chrome()} title={t('loginTitle')} crumbs={[{ label: t('loginTitle') }]}>
      <div class="row">
        <div class="col-12 col-lg-7">
          <ErrorSummary title={t('errorSummaryTitle')} errors={summaryOf(errors)} />
          {notice ? (
            <div class="alert alert-info" role="status">
              {t(notice)}
            </div>
          ) : null}
          <h1>{t('loginTitle')}</h1>
          {/* SPID and CIE go here once the body has joined them (they need its metadata and keys). */}
          <section aria-labelledby="spid-cie" class="mb-4">
            <h2 id="spid-cie" class="h5">
              {t('spidCie')}
            </h2>
            <p>{t('spidCieSoon')}</p>
          </section>
          <p>{t('loginIntro')}</p>
          <form method="post" action="/accedi" novalidate>
            <CsrfField token={csrf} />
            <TextField
              name="email"
              label={t('email')}
              type="email"
              autocomplete="username"
              value={email}
              error={errors.email}
              required
            />
            <TextField
              name="password"
              label={t('password')}
              type="password"
              autocomplete="current-password"
              error={errors.password}
              required
            />
            <button type="submit" class="btn btn-primary">
              {t('loginButton')}
            </button>
          </form>
          <p class="mt-4">
            {t('noAccount')} <a href="/registrati">{t('registerLink')}</a>
          </p>
        </div>
      </div>
    </Layout>
  );
}

const REGISTER_FIELDS = [
  { name: 'firstName', label: 'firstName', autocomplete: 'given-name', error: 'required' },
  { name: 'lastName', label: 'lastName', autocomplete: 'family-name', error: 'required' },
  { name: 'fiscalCode', label: 'fiscalCode', autocomplete: 'off', error: 'invalidFiscalCode' },
  { name: 'birthDate', label: 'birthDate', autocomplete: 'bday', error: 'invalidBirthDate', hint: 'dateHint' },
  { name: 'email', label: 'email', autocomplete: 'email', error: 'invalidEmail', type: 'email' },
  {
    name: 'password',
    label: 'password',
    autocomplete: 'new-password',
    error: 'invalidPassword',
    type: 'password',
    hint: 'passwordHint',
  },
] as const satisfies readonly {
  name: keyof RegisterApplicantDto;
  label: MessageKey;
  autocomplete: string;
  error: MessageKey;
  type?: string;
  hint?: MessageKey;
}[];

function RegisterPage(ctx: PageContext, csrf: string, values: Readonly<Record<string, string>>, errors: FieldErrors) {
  const { t } = ctx;
  return (
    <Layout chrome={ctx.chrome()} title={t('registerTitle')} crumbs={[{ label: t('registerTitle') }]}>
      <div class="row">
        <div class="col-12 col-lg-7">
          <ErrorSummary title={t('errorSummaryTitle')} errors={summaryOf(errors)} />
          <h1>{t('registerTitle')}</h1>
          <p>{t('registerIntro')}</p>
          <form method="post" action="/registrati" novalidate>
            <CsrfField token={csrf} />
            {REGISTER_FIELDS.map((f, i) => (
              <Fragment key={f.name}>
                {/* The residence after the birth date: who the person is, then where they live. */}
                {i === 4 ? (
                  <TextField
                    name="residence"
                    label={t('residence')}
                    autocomplete="address-level2"
                    value={values.residence}
                    hint={t('residenceHint')}
                    error={errors.residence}
                  />
                ) : null}
                <TextField
                  name={f.name}
                  label={t(f.label)}
                  type={'type' in f ? f.type : 'text'}
                  autocomplete={f.autocomplete}
                  value={values[f.name]}
                  hint={'hint' in f ? t(f.hint) : undefined}
                  error={errors[f.name]}
                  required
                />
              </Fragment>
            ))}
            <button type="submit" class="btn btn-primary">
              {t('registerButton')}
            </button>
          </form>
        </div>
      </div>
    </Layout>
  );
}

/** Login, logout, registration and the landing page of the personal area. */
export function authPages(s: PortalServices): PageRoute[] {
  const login = async (
    ctx: PageContext,
    email: string,
    errors: FieldErrors,
    notice: MessageKey | null,
    status = 200,
  ): Promise<PageResult> => ({
    status,
    html: LoginPage(ctx, (await ctx.ensureSession()).csrfToken, email, errors, notice),
  });
  const register = async (
    ctx: PageContext,
    values: Readonly<Record<string, string>>,
    errors: FieldErrors,
    status = 200,
  ): Promise<PageResult> => ({
    status,
    html: RegisterPage(ctx, (await ctx.ensureSession()).csrfToken, values, errors),
  });
  return [
    {
      method: 'GET',
      url: '/accedi',
      policy: PUBLIC,
      handler: (ctx) =>
        login(ctx, '', {}, ctx.query.uscito === '1' ? 'loggedOut' : ctx.sessionEnded ? 'sessionEnded' : null),
    },
    {
      method: 'POST',
      url: '/accedi',
      policy: PUBLIC,
      handler: async (ctx) => {
        const { t } = ctx;
        const email = (ctx.form.email ?? '').trim();
        const password = ctx.form.password ?? '';
        const errors: Record<string, string> = {};
        if (!EMAIL.test(email) || email.length > 254) errors.email = t('invalidEmail');
        if (password.length === 0 || password.length > 128) errors.password = t('required');
        if (Object.keys(errors).length) return login(ctx, email, errors, null, 400);
        try {
          const tokens = await s.auth.login({ email, password }, ctx.req.ip);
          const { session, cookie } = await s.sessions.signIn(ctx.session, tokens.refreshToken);
          ctx.setSession(session, cookie);
          return { redirect: landingFor(session.principal?.roles ?? [])?.href ?? '/' };
        } catch (error) {
          if (!(error instanceof AppError)) throw error;
          return login(ctx, email, serviceErrors(error, ctx.lang, 'email'), null, ERROR_CATALOG[error.code].status);
        }
      },
    },
    {
      method: 'POST',
      url: '/esci',
      policy: PUBLIC,
      handler: async (ctx) => {
        if (ctx.session) await s.sessions.signOut(ctx.session);
        ctx.setSession(null, null);
        return { redirect: '/accedi?uscito=1' };
      },
    },
    {
      method: 'GET',
      url: '/registrati',
      policy: PUBLIC,
      handler: (ctx) => register(ctx, {}, {}),
    },
    {
      method: 'POST',
      url: '/registrati',
      policy: PUBLIC,
      handler: async (ctx) => {
        const values = Object.fromEntries(REGISTER_FIELDS.map((f) => [f.name, ctx.form[f.name] ?? '']));
        const residence = (ctx.form.residence ?? '').trim();
        // The API takes the municipality's ISTAT code; the person types its name.
        const match = residence ? await residenceByName(s.territory, residence) : null;
        const residenceError =
          match === 'none' ? ctx.t('residenceUnknown') : match === 'ambiguous' ? ctx.t('residenceAmbiguous') : null;
        // The API's own DTO and validators, so the page accepts exactly what POST /auth/register does.
        const dto = plainToInstance(RegisterApplicantDto, {
          ...values,
          ...(match && typeof match === 'object' ? { residenceMunicipalityCode: match.istatCode } : {}),
          language: ctx.lang,
        });
        const invalid = await validate(dto, { whitelist: true, forbidNonWhitelisted: true });
        const keep = { ...values, residence, password: '' };
        if (invalid.length || residenceError) {
          const errors = Object.fromEntries(
            REGISTER_FIELDS.filter((f) => invalid.some((e) => e.property === f.name)).map((f) => [
              f.name,
              ctx.t(f.error),
            ]),
          );
          return register(ctx, keep, residenceError ? { ...errors, residence: residenceError } : errors, 400);
        }
        try {
          await s.registration.register(dto, ctx.req.ip);
        } catch (error) {
          if (!(error instanceof AppError)) throw error;
          const errors = Object.fromEntries(
            Object.entries(serviceErrors(error, ctx.lang, 'email')).map(([f, m]) => [
              f === 'residenceMunicipalityCode' ? 'residence' : f,
              m,
            ]),
          );
          return register(ctx, keep, errors, ERROR_CATALOG[error.code].status);
        }
        return { redirect: '/registrazione-inviata' };
      },
    },
    {
      method: 'GET',
      url: '/area-personale',
      policy: { kind: 'roles', roles: [Role.APPLICANT] },
      handler: async (ctx) => {
        const { t, lang } = ctx;
        const principal = ctx.session!.principal!;
        const [profile, mine, measures, unread] = await Promise.all([
          s.users.profileOf(principal.id),
          s.cases.mine(principal),
          citizenMeasures(s.catalog),
          s.notifications.unreadCount(principal),
        ]);
        const titleOf = (code: string) => measures.find((m) => m.code === code)?.definition.title[lang] ?? code;
        return {
          html: (
            <Layout chrome={ctx.chrome()} title={t('myArea')} crumbs={[{ label: t('myArea') }]}>
              <h1>{t('myArea')}</h1>
              <p class="lead">
                {t('welcome')}, {profile.firstName}.
              </p>
              {ctx.query.eliminata === '1' ? (
                <div class="alert alert-success" role="status">
                  {t('discarded')}
                </div>
              ) : null}
              <p>{t('myAreaIntro')}</p>
              <ul class="list-inline" id="area-links">
                <li class="list-inline-item me-4">
                  <a href="/area-personale/messaggi">
                    {unread ? t('inboxLink', { count: unread }) : t('inboxLinkNone')}
                  </a>
                </li>
                <li class="list-inline-item">
                  <a href="/area-personale/profilo">{t('profileTitle')}</a>
                </li>
              </ul>
              <h2 class="h3">{t('myApplications')}</h2>
              {mine.length === 0 ? (
                <p>{t('noApplications')}</p>
              ) : (
                <table class="table">
                  <thead>
                    <tr>
                      <th scope="col">{t('measureColumn')}</th>
                      <th scope="col">{t('statusColumn')}</th>
                      <th scope="col">{t('protocolColumn')}</th>
                      <th scope="col">{t('actionsColumn')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {mine.map((a) => (
                      <tr key={a.id}>
                        <td>
                          {a.status === 'DRAFT' ? (
                            <a href={`/domande/${a.id}`}>
                              {titleOf(a.measureCode)}
                              <span class="visually-hidden">: {t('openDraft')}</span>
                            </a>
                          ) : (
                            <a href={`/domande/${a.id}/stato`}>{titleOf(a.measureCode)}</a>
                          )}
                        </td>
                        <td>{t(`status_${a.status}`)}</td>
                        <td>{a.protocolNumber ?? '—'}</td>
                        <td>
                          {a.status === 'DRAFT' ? (
                            <a href={`/domande/${a.id}/elimina`}>
                              {t('discardLink')}
                              <span class="visually-hidden">: {titleOf(a.measureCode)}</span>
                            </a>
                          ) : null}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
              <p>
                <a href="/">{t('backToCatalogue')}</a>
              </p>
            </Layout>
          ),
        };
      },
    },
  ];
}
