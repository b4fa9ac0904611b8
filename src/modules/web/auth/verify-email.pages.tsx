import { AppError } from '../../../common/errors/app-error.js';
import { ERROR_CATALOG } from '../../../common/errors/error-catalog.js';
import { CsrfField, ErrorSummary, fieldAnchor, TextField } from '../components/form-controls.js';
import { Layout } from '../layout/layout.js';
import type { PageContext, PageResult, PageRoute } from '../page.js';
import type { PortalServices } from '../portal-services.js';

const PUBLIC = { kind: 'public' } as const;
/** The token alone, or the whole link (its fragment ends with it), as pasted from the e-mail. */
const PASTED = /^\s*(?:\S*[#?&]token=)?([A-Za-z0-9_-]{43})\s*$/;

export const tokenOfPasted = (pasted: string): string | null => PASTED.exec(pasted)?.[1] ?? null;

function VerifyPage(ctx: PageContext, csrf: string, error: string | null) {
  const { t } = ctx;
  return (
    <Layout
      chrome={ctx.chrome()}
      title={t('verifyTitle')}
      crumbs={[{ label: t('verifyTitle') }]}
      script="/assets/portal/verify-email.js"
    >
      <div class="row">
        <div class="col-12 col-lg-7">
          <ErrorSummary
            title={t('errorSummaryTitle')}
            errors={error ? [{ anchor: fieldAnchor('code'), message: error }] : []}
          />
          <h1>{t('verifyTitle')}</h1>
          <p>{t('verifyIntro')}</p>
          <form method="post" action="/verifica-email" id="verify-form" novalidate>
            <CsrfField token={csrf} />
            <TextField
              name="code"
              label={t('verifyCode')}
              hint={t('verifyCodeHint')}
              autocomplete="off"
              error={error ?? undefined}
              required
            />
            <button type="submit" class="btn btn-primary">
              {t('verifyButton')}
            </button>
          </form>
        </div>
      </div>
    </Layout>
  );
}

function MessagePage(
  ctx: PageContext,
  title: 'checkEmailTitle' | 'verifiedTitle',
  paragraphs: ('checkEmailBody' | 'checkEmailSpam' | 'verifiedBody')[],
  login: boolean,
) {
  const { t } = ctx;
  return (
    <Layout chrome={ctx.chrome()} title={t(title)} crumbs={[{ label: t(title) }]}>
      <h1>{t(title)}</h1>
      {paragraphs.map((p) => (
        <p key={p}>{t(p)}</p>
      ))}
      {login ? (
        <p>
          <a class="btn btn-primary" href="/accedi">
            {t('loginButton')}
          </a>
        </p>
      ) : null}
    </Layout>
  );
}

/**
 * After registering: "check your e-mail"; the link's page, which posts the fragment's token
 * (see VERIFY_EMAIL_JS) or the pasted link to RegistrationService.verifyEmail; the confirmation.
 */
export function verifyEmailPages(s: PortalServices): PageRoute[] {
  const verify = async (ctx: PageContext, error: string | null, status = 200): Promise<PageResult> => ({
    status,
    html: VerifyPage(ctx, (await ctx.ensureSession()).csrfToken, error),
  });
  return [
    {
      method: 'GET',
      url: '/registrazione-inviata',
      policy: PUBLIC,
      handler: async (ctx) => ({
        html: MessagePage(ctx, 'checkEmailTitle', ['checkEmailBody', 'checkEmailSpam'], false),
      }),
    },
    { method: 'GET', url: '/verifica-email', policy: PUBLIC, handler: (ctx) => verify(ctx, null) },
    {
      method: 'POST',
      url: '/verifica-email',
      policy: PUBLIC,
      handler: async (ctx) => {
        const token = tokenOfPasted(ctx.form.code ?? '');
        if (!token) return verify(ctx, ctx.t('verifyInvalid'), 400);
        try {
          await s.registration.verifyEmail(token);
        } catch (error) {
          if (!(error instanceof AppError)) throw error;
          return verify(ctx, error.detail[ctx.lang], ERROR_CATALOG[error.code].status);
        }
        return { redirect: '/verifica-email/confermata' };
      },
    },
    {
      method: 'GET',
      url: '/verifica-email/confermata',
      policy: PUBLIC,
      handler: async (ctx) => ({ html: MessagePage(ctx, 'verifiedTitle', ['verifiedBody'], true) }),
    },
  ];
}
