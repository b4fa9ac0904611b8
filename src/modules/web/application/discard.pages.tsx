import { AppError } from '../../../common/errors/app-error.js';
import { ERROR_CATALOG } from '../../../common/errors/error-catalog.js';
import type { AccessPolicy } from '../../../common/access/access-policy.js';
import { Role } from '../../../common/access/role.js';
import { CheckboxField, CsrfField, ErrorSummary } from '../components/form-controls.js';
import { Layout } from '../layout/layout.js';
import { pageTitleOf } from '../measure/portal-measures.js';
import { caseMeasure } from './case-measure.js';
import type { PageContext, PageResult, PageRoute } from '../page.js';
import type { PortalServices } from '../portal-services.js';

const APPLICANT: AccessPolicy = { kind: 'roles', roles: [Role.APPLICANT] };
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * Discarding a draft: a confirmation page (a checkbox, so neither a stray click nor a link
 * prefetch deletes anything), then IntakeService.discardDraft as DELETE /api/v1/applications/:id
 * (the owner's draft only; a registered application is withdrawn, never deleted).
 */
export function discardPages(s: PortalServices): PageRoute[] {
  const page = async (ctx: PageContext, error: string | null, status = 200): Promise<PageResult> => {
    const { t, lang } = ctx;
    const id = (ctx.req.params as { id: string }).id;
    if (!UUID.test(id)) throw new AppError('NOT_FOUND', { it: 'Domanda non trovata', en: 'Application not found' });
    const app = await s.cases.get(ctx.session!.principal!, id);
    if (app.status !== 'DRAFT' && !error) return { redirect: `/domande/${app.id}/stato` };
    const measure = await caseMeasure(s, app);
    const csrf = (await ctx.ensureSession()).csrfToken;
    const title = measure.definition.title[lang];
    return {
      status,
      html: (
        <Layout
          chrome={ctx.chrome()}
          title={`${t('discardTitle')} – ${pageTitleOf(measure, lang, t('sealedTitle'))}`}
          crumbs={[{ label: t('myArea'), href: '/area-personale' }, { label: t('discardTitle') }]}
        >
          <ErrorSummary
            title={t('errorSummaryTitle')}
            errors={error ? [{ anchor: 'f-discard', message: error }] : []}
          />
          <h1>{t('discardTitle')}</h1>
          <p>{t('discardIntro', { measure: title })}</p>
          <form method="post" action={`/domande/${app.id}/elimina`} id="discard-form" novalidate>
            <CsrfField token={csrf} />
            <CheckboxField name="discard" label={t('discardConfirm')} error={error ?? undefined} />
            <div class="d-flex gap-3 flex-wrap align-items-center">
              <button type="submit" class="btn btn-danger">
                {t('discardButton')}
              </button>
              <a href="/area-personale">{t('discardCancel')}</a>
            </div>
          </form>
        </Layout>
      ),
    };
  };

  return [
    { method: 'GET', url: '/domande/:id/elimina', policy: APPLICANT, handler: (ctx) => page(ctx, null) },
    {
      method: 'POST',
      url: '/domande/:id/elimina',
      policy: APPLICANT,
      handler: async (ctx) => {
        if (ctx.form.discard !== 'true') return page(ctx, ctx.t('discardRequired'), 400);
        const id = (ctx.req.params as { id: string }).id;
        if (!UUID.test(id)) throw new AppError('NOT_FOUND', { it: 'Domanda non trovata', en: 'Application not found' });
        try {
          await s.intake.discardDraft(ctx.session!.principal!, id);
        } catch (error) {
          if (!(error instanceof AppError) || ERROR_CATALOG[error.code].status === 404) throw error;
          return page(ctx, error.detail[ctx.lang], ERROR_CATALOG[error.code].status);
        }
        return { redirect: '/area-personale?eliminata=1' };
      },
    },
  ];
}
