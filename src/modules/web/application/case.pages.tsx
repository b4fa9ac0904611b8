import { AppError } from '../../../common/errors/app-error.js';
import { ERROR_CATALOG } from '../../../common/errors/error-catalog.js';
import type { AccessPolicy } from '../../../common/access/access-policy.js';
import { Role } from '../../../common/access/role.js';
import { CheckboxField, CsrfField, ErrorSummary, TextField } from '../components/form-controls.js';
import { formatDate, formatDateTime } from '../format.js';
import { Layout } from '../layout/layout.js';
import { measureBySlug, pageTitleOf, slugFor } from '../measure/portal-measures.js';
import type { PageContext, PageResult, PageRoute } from '../page.js';
import type { PortalServices } from '../portal-services.js';

const APPLICANT: AccessPolicy = { kind: 'roles', roles: [Role.APPLICANT] };
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

type Form = 'observations' | 'withdraw';

/**
 * A registered application in the personal area: its state in plain words, its timeline from
 * the case's own history, and only the actions its allowedActions list (answer an integration
 * request on its own page, integration.pages.tsx; send observations to a 10-bis notice;
 * withdraw), each through the API's service.
 */
export function casePages(s: PortalServices): PageRoute[] {
  const load = async (ctx: PageContext) => {
    const id = (ctx.req.params as { id: string }).id;
    if (!UUID.test(id)) throw new AppError('NOT_FOUND', { it: 'Domanda non trovata', en: 'Application not found' });
    const principal = ctx.session!.principal!;
    const app = await s.cases.get(principal, id);
    if (app.status === 'DRAFT') {
      throw new AppError('NOT_FOUND', { it: 'Domanda non trovata', en: 'Application not found' });
    }
    const [history, measure] = await Promise.all([
      s.cases.history(principal, id),
      measureBySlug(s.catalog, slugFor(app.measureCode, app.sealed)),
    ]);
    return { app, history, measure };
  };

  const page = async (
    ctx: PageContext,
    error: { form: Form; message: string } | null,
    status = 200,
  ): Promise<PageResult> => {
    const { t, lang } = ctx;
    const { app, history, measure } = await load(ctx);
    const csrf = (await ctx.ensureSession()).csrfToken;
    const may = (a: string) => (app.allowedActions as readonly string[]).includes(a);
    const err = (f: Form) => (error?.form === f ? error.message : undefined);
    const request = app.integrationRequest as { message?: string } | null;
    const title = measure.definition.title[lang];
    return {
      status,
      html: (
        <Layout
          chrome={ctx.chrome()}
          title={`${t('caseTitle')} – ${pageTitleOf(measure, lang, t('sealedTitle'))}`}
          crumbs={[{ label: t('myArea'), href: '/area-personale' }, { label: title }]}
        >
          <ErrorSummary
            title={t('errorSummaryTitle')}
            errors={error ? [{ anchor: `f-${error.form}`, message: error.message }] : []}
          />
          <h1>{title}</h1>
          <dl class="row">
            <dt class="col-sm-4">{t('statusColumn')}</dt>
            <dd class="col-sm-8" id="case-status">
              {t(`status_${app.status}`)}
            </dd>
            <dt class="col-sm-4">{t('protocolColumn')}</dt>
            <dd class="col-sm-8">{app.protocolNumber}</dd>
            {app.deadlineDate ? (
              <>
                <dt class="col-sm-4">{t('deadline')}</dt>
                <dd class="col-sm-8">
                  {formatDate(app.deadlineDate, lang)}
                  {app.suspended ? ` (${t('caseSuspended')})` : ''}
                </dd>
              </>
            ) : null}
          </dl>
          <p>
            <a href={`/domande/${app.id}/ricevuta.pdf`} download>
              {t('downloadReceipt')}
            </a>
          </p>
          <h2 class="h4">{t('caseTimeline')}</h2>
          <ol id="timeline">
            {history.map((h, i) => (
              <li key={i}>
                <strong>{formatDateTime(h.at, lang)}</strong>: {t(`status_${h.to}` as 'status_DRAFT')}
                {h.reason ? <span lang="it"> – {h.reason}</span> : null}
              </li>
            ))}
          </ol>
          {may('answer_integration') ? (
            <section aria-labelledby="answer-title" class="mt-4">
              <h2 class="h4" id="answer-title">
                {t('answerIntegration')}
              </h2>
              {request?.message ? (
                <blockquote class="blockquote" lang="it">
                  {request.message}
                </blockquote>
              ) : null}
              <p>
                <a class="btn btn-primary" href={`/domande/${app.id}/integrazione`} id="answer-link">
                  {t('integrationOpen')}
                </a>
              </p>
            </section>
          ) : null}
          {may('submit_observations') ? (
            <section aria-labelledby="obs-title" class="mt-4">
              <h2 class="h4" id="obs-title">
                {t('sendObservations')}
              </h2>
              <form method="post" action={`/domande/${app.id}/osservazioni`} novalidate>
                <CsrfField token={csrf} />
                <input type="hidden" name="_version" value={String(app.version)} />
                <TextField name="observations" label={t('observationsText')} error={err('observations')} required />
                <button type="submit" class="btn btn-primary">
                  {t('sendObservations')}
                </button>
              </form>
            </section>
          ) : null}
          {may('withdraw') ? (
            <section aria-labelledby="withdraw-title" class="mt-4">
              <h2 class="h4" id="withdraw-title">
                {t('withdraw')}
              </h2>
              <form method="post" action={`/domande/${app.id}/ritiro`} novalidate>
                <CsrfField token={csrf} />
                <input type="hidden" name="_version" value={String(app.version)} />
                <CheckboxField name="withdraw" label={t('withdrawConfirm')} error={err('withdraw')} />
                <button type="submit" class="btn btn-outline-primary">
                  {t('withdraw')}
                </button>
              </form>
            </section>
          ) : null}
        </Layout>
      ),
    };
  };

  /** One action: the service's refusal (stale version, not allowed now) shown on its form. */
  const act =
    (
      form: Form,
      field: string,
      run: (ctx: PageContext, id: string, version: number, text: string) => Promise<unknown>,
    ) =>
    async (ctx: PageContext): Promise<PageResult> => {
      const id = (ctx.req.params as { id: string }).id;
      const text = (ctx.form[field] ?? '').trim();
      if (!text || text.length > 4000) {
        return page(ctx, { form, message: ctx.t(form === 'withdraw' ? 'withdrawRequired' : 'required') }, 400);
      }
      try {
        await run(ctx, id, Number(ctx.form._version), text);
      } catch (error) {
        if (!(error instanceof AppError) || ERROR_CATALOG[error.code].status === 404) throw error;
        return page(ctx, { form, message: error.detail[ctx.lang] }, ERROR_CATALOG[error.code].status);
      }
      return { redirect: `/domande/${id}/stato` };
    };

  return [
    { method: 'GET', url: '/domande/:id/stato', policy: APPLICANT, handler: (ctx) => page(ctx, null) },
    {
      method: 'POST',
      url: '/domande/:id/osservazioni',
      policy: APPLICANT,
      handler: act('observations', 'observations', (ctx, id, version, text) =>
        s.review.submitObservations(ctx.session!.principal!, id, { version, text }),
      ),
    },
    {
      method: 'POST',
      url: '/domande/:id/ritiro',
      policy: APPLICANT,
      handler: act('withdraw', 'withdraw', (ctx, id, version) =>
        s.intake.withdraw(
          ctx.session!.principal!,
          id,
          version,
          'Ritirata dal richiedente / withdrawn by the applicant',
        ),
      ),
    },
  ];
}
