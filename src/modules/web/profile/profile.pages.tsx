import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { AppError } from '../../../common/errors/app-error.js';
import { ERROR_CATALOG } from '../../../common/errors/error-catalog.js';
import type { AccessPolicy } from '../../../common/access/access-policy.js';
import { Role } from '../../../common/access/role.js';
import { ChangePasswordDto, UpdateProfileDto } from '../../users/dto/profile.dto.js';
import { residenceByName } from '../auth/residence.js';
import {
  CheckboxField,
  CsrfField,
  ErrorSummary,
  fieldAnchor,
  RadioGroup,
  TextField,
  type FieldErrors,
} from '../components/form-controls.js';
import type { MessageKey } from '../i18n/messages.js';
import { Layout } from '../layout/layout.js';
import type { PageContext, PageResult, PageRoute } from '../page.js';
import type { PortalServices } from '../portal-services.js';

const APPLICANT: AccessPolicy = { kind: 'roles', roles: [Role.APPLICANT] };
const URL = '/area-personale/profilo';
const SAVED: Record<string, MessageKey> = {
  dati: 'profileSaved',
  notifiche: 'notificationsSaved',
  password: 'passwordSaved',
};

/** What the person typed in the details form, when it is shown again with its errors. */
type Typed = Readonly<Record<string, string>>;
interface Refusal {
  form: 'details' | 'notifications' | 'password';
  errors: FieldErrors;
  typed?: Typed;
}

/**
 * The profile: name, residence and language through UsersService.updateProfile (as PATCH
 * /api/v1/me, with its DTO), the notification preferences through ProfilePreferencesService
 * (as PUT /api/v1/me/notification-preferences) and the password change through
 * UsersService.changePassword (as PUT /api/v1/me/password: the other sessions end, this one stays).
 */
export function profilePages(s: PortalServices): PageRoute[] {
  const page = async (ctx: PageContext, refusal: Refusal | null, status = 200): Promise<PageResult> => {
    const { t } = ctx;
    const principal = ctx.session!.principal!;
    const [profile, prefs] = await Promise.all([s.users.profileOf(principal.id), s.preferences.get(principal.id)]);
    const csrf = (await ctx.ensureSession()).csrfToken;
    const err = (form: Refusal['form']) => (refusal?.form === form ? refusal.errors : {});
    const typed: Typed = refusal?.form === 'details' && refusal.typed ? refusal.typed : {};
    const value = (name: string, current: string) => (name in typed ? typed[name] : current);
    const saved = SAVED[ctx.query.salvato ?? ''];
    const summary = Object.entries(refusal?.errors ?? {}).map(([name, message]) => ({
      anchor: fieldAnchor(name, name === 'language'),
      message,
    }));
    return {
      status,
      html: (
        <Layout
          chrome={ctx.chrome()}
          title={t('profileTitle')}
          crumbs={[{ label: t('myArea'), href: '/area-personale' }, { label: t('profileTitle') }]}
        >
          <ErrorSummary title={t('errorSummaryTitle')} errors={summary} />
          {saved && !refusal ? (
            <div class="alert alert-success" role="status">
              {t(saved)}
            </div>
          ) : null}
          <h1>{t('profileTitle')}</h1>
          <section aria-labelledby="details-title" class="mt-4">
            <h2 class="h4" id="details-title">
              {t('profileData')}
            </h2>
            <dl class="row">
              <dt class="col-sm-4">{t('email')}</dt>
              <dd class="col-sm-8">{profile.email}</dd>
              <dt class="col-sm-4">{t('fiscalCode')}</dt>
              <dd class="col-sm-8">{profile.fiscalCode ?? '—'}</dd>
            </dl>
            <p class="text-secondary">{t('profileReadOnly')}</p>
            <form method="post" action={URL} id="details-form" novalidate>
              <CsrfField token={csrf} />
              <TextField
                name="firstName"
                label={t('firstName')}
                autocomplete="given-name"
                value={value('firstName', profile.firstName)}
                error={err('details').firstName}
                required
              />
              <TextField
                name="lastName"
                label={t('lastName')}
                autocomplete="family-name"
                value={value('lastName', profile.lastName)}
                error={err('details').lastName}
                required
              />
              <TextField
                name="residence"
                label={t('residence')}
                autocomplete="address-level2"
                value={value('residence', profile.residence?.name ?? '')}
                hint={t('residenceHint')}
                error={err('details').residence}
              />
              <RadioGroup
                name="language"
                legend={t('profileLanguage')}
                value={value('language', profile.language)}
                error={err('details').language}
                options={[
                  { value: 'it', label: t('languageIt') },
                  { value: 'en', label: t('languageEn') },
                ]}
              />
              <button type="submit" class="btn btn-primary">
                {t('profileSave')}
              </button>
            </form>
          </section>
          <section aria-labelledby="notifications-title" class="mt-5">
            <h2 class="h4" id="notifications-title">
              {t('notificationsTitle')}
            </h2>
            <p>{t('notificationsIntro')}</p>
            <p>{t('notificationsAlways')}</p>
            <form method="post" action={`${URL}/notifiche`} id="notifications-form" novalidate>
              <CsrfField token={csrf} />
              <fieldset class="form-group">
                <legend class="h6">{t('notifyCopies')}</legend>
                <CheckboxField name="email" label={t('notifyEmail')} checked={prefs.email} />
                <CheckboxField name="appIo" label={t('notifyAppIo')} checked={prefs.appIo} />
              </fieldset>
              <button type="submit" class="btn btn-primary">
                {t('notificationsSave')}
              </button>
            </form>
          </section>
          <section aria-labelledby="password-title" class="mt-5">
            <h2 class="h4" id="password-title">
              {t('passwordTitle')}
            </h2>
            <form method="post" action={`${URL}/password`} id="password-form" novalidate>
              <CsrfField token={csrf} />
              <TextField
                name="currentPassword"
                label={t('currentPassword')}
                type="password"
                autocomplete="current-password"
                error={err('password').currentPassword}
                required
              />
              <TextField
                name="newPassword"
                label={t('newPassword')}
                type="password"
                autocomplete="new-password"
                hint={t('passwordHint')}
                error={err('password').newPassword}
                required
              />
              <button type="submit" class="btn btn-primary">
                {t('passwordSave')}
              </button>
            </form>
          </section>
          <p class="mt-4">
            <a href="/area-personale">{t('myArea')}</a>
          </p>
        </Layout>
      ),
    };
  };

  /** A service's refusal on the fields it names (the residence's code is the residence field). */
  const refused = (ctx: PageContext, error: unknown, form: Refusal['form'], fallback: string, typed?: Typed) => {
    if (!(error instanceof AppError) || ERROR_CATALOG[error.code].status === 404) throw error;
    const fields = (error.extra.errors ?? []).map((e) =>
      e.field === 'residenceMunicipalityCode' ? 'residence' : e.field,
    );
    const errors = Object.fromEntries((fields.length ? fields : [fallback]).map((f) => [f, error.detail[ctx.lang]]));
    // A wrong current password is a refused form, not an unauthenticated request.
    const status = ERROR_CATALOG[error.code].status === 401 ? 400 : ERROR_CATALOG[error.code].status;
    return page(ctx, { form, errors, typed }, status);
  };

  return [
    { method: 'GET', url: URL, policy: APPLICANT, handler: (ctx) => page(ctx, null) },
    {
      method: 'POST',
      url: URL,
      policy: APPLICANT,
      handler: async (ctx) => {
        const { t } = ctx;
        const typed = {
          firstName: ctx.form.firstName ?? '',
          lastName: ctx.form.lastName ?? '',
          residence: (ctx.form.residence ?? '').trim(),
          language: ctx.form.language ?? '',
        };
        const errors: Record<string, string> = {};
        let residenceMunicipalityCode: string | null = null;
        if (typed.residence) {
          const match = await residenceByName(s.territory, typed.residence);
          if (match === 'none') errors.residence = t('residenceUnknown');
          else if (match === 'ambiguous') errors.residence = t('residenceAmbiguous');
          else residenceMunicipalityCode = match.istatCode;
        }
        // The API's own DTO and validators: the page accepts exactly what PATCH /api/v1/me does.
        const dto = plainToInstance(UpdateProfileDto, {
          firstName: typed.firstName,
          lastName: typed.lastName,
          residenceMunicipalityCode,
          language: typed.language,
        });
        for (const e of await validate(dto, { whitelist: true, forbidNonWhitelisted: true })) {
          errors[e.property === 'residenceMunicipalityCode' ? 'residence' : e.property] =
            e.property === 'language' ? t('invalidChoice') : t('required');
        }
        if (Object.keys(errors).length) return page(ctx, { form: 'details', errors, typed }, 400);
        try {
          await s.users.updateProfile(ctx.session!.principal!, dto);
        } catch (error) {
          return refused(ctx, error, 'details', 'firstName', typed);
        }
        // The page follows the language chosen for the messages.
        return { redirect: `${URL}?salvato=dati&lang=${dto.language}` };
      },
    },
    {
      method: 'POST',
      url: `${URL}/notifiche`,
      policy: APPLICANT,
      handler: async (ctx) => {
        await s.preferences.set(ctx.session!.principal!.id, {
          email: ctx.form.email === 'true',
          appIo: ctx.form.appIo === 'true',
        });
        return { redirect: `${URL}?salvato=notifiche` };
      },
    },
    {
      method: 'POST',
      url: `${URL}/password`,
      policy: APPLICANT,
      handler: async (ctx) => {
        const { t } = ctx;
        const dto = plainToInstance(ChangePasswordDto, {
          currentPassword: ctx.form.currentPassword ?? '',
          newPassword: ctx.form.newPassword ?? '',
        });
        const invalid = await validate(dto, { whitelist: true, forbidNonWhitelisted: true });
        if (invalid.length) {
          const errors = Object.fromEntries(
            invalid.map((e) => [e.property, e.property === 'newPassword' ? t('invalidPassword') : t('required')]),
          );
          return page(ctx, { form: 'password', errors }, 400);
        }
        try {
          await s.users.changePassword(ctx.session!.principal!, dto);
        } catch (error) {
          return refused(ctx, error, 'password', 'newPassword');
        }
        return { redirect: `${URL}?salvato=password` };
      },
    },
  ];
}
