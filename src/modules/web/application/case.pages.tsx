import { AppError } from '../../../common/errors/app-error.js';
import type { AccessPolicy } from '../../../common/access/access-policy.js';
import { Role } from '../../../common/access/role.js';
import { CheckboxField, ErrorSummary, TextField } from '../components/form-controls.js';
import { Layout } from '../layout/layout.js';
import { measureBySlug, pageTitleOf, slugFor } from '../measure/portal-measures.js';
import type { PageContext, PageResult, PageRoute } from '../page.js';
import type { PortalServices } from '../portal-services.js';
import { CaseActionForm, CaseFacts, CaseTimeline, runCaseAction } from './case-view.js';

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
          <CaseFacts t={t} lang={lang} app={app}>
            <dt class="col-sm-4">{t('protocolColumn')}</dt>
            <dd class="col-sm-8">{app.protocolNumber}</dd>
          </CaseFacts>
          <p>
            <a href={`/domande/${app.id}/ricevuta.pdf`} download>
              {t('downloadReceipt')}
            </a>
          </p>
          <h2 class="h4">{t('caseTimeline')}</h2>
          <CaseTimeline t={t} lang={lang} history={history} />
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
            <CaseActionForm
              id="obs"
              title={t('sendObservations')}
              action={`/domande/${app.id}/osservazioni`}
              csrf={csrf}
              version={app.version}
              button={t('sendObservations')}
              primary
            >
              <TextField name="observations" label={t('observationsText')} error={err('observations')} required />
            </CaseActionForm>
          ) : null}
          {may('withdraw') ? (
            <CaseActionForm
              id="withdraw"
              title={t('withdraw')}
              action={`/domande/${app.id}/ritiro`}
              csrf={csrf}
              version={app.version}
              button={t('withdraw')}
              primary={false}
            >
              <CheckboxField name="withdraw" label={t('withdrawConfirm')} error={err('withdraw')} />
            </CaseActionForm>
          ) : null}
        </Layout>
      ),
    };
  };

  /** One action through its service; its text required, its refusal shown on its form. */
  const act =
    (form: Form, run: (ctx: PageContext, id: string, version: number, text: string) => Promise<unknown>) =>
    (ctx: PageContext): Promise<PageResult> => {
      const id = (ctx.req.params as { id: string }).id;
      return runCaseAction(ctx, {
        form,
        field: form,
        required: form === 'withdraw' ? 'withdrawRequired' : 'required',
        run: (text, version) => run(ctx, id, version, text),
        page: (error, status) => page(ctx, error, status),
        done: `/domande/${id}/stato`,
      });
    };

  return [
    { method: 'GET', url: '/domande/:id/stato', policy: APPLICANT, handler: (ctx) => page(ctx, null) },
    {
      method: 'POST',
      url: '/domande/:id/osservazioni',
      policy: APPLICANT,
      handler: act('observations', (ctx, id, version, text) =>
        s.review.submitObservations(ctx.session!.principal!, id, { version, text }),
      ),
    },
    {
      method: 'POST',
      url: '/domande/:id/ritiro',
      policy: APPLICANT,
      handler: act('withdraw', (ctx, id, version) =>
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
