import { ApplicationStatus } from '../../../applications/domain/application-status.js';
import { CaseActionForm, CaseFacts, CaseTimeline, runCaseAction } from '../../application/case-view.js';
import { CheckboxField, ErrorSummary, TextField } from '../../components/form-controls.js';
import { formatDate, formatDateTime } from '../../format.js';
import type { MessageKey } from '../../i18n/messages.js';
import type { PageContext, PageResult, PageRoute } from '../../page.js';
import type { PortalServices } from '../../portal-services.js';
import { WorkbenchLayout } from '../workbench-layout.js';
import { CAV, centreCase } from './centre-frame.js';
import { CENTRE_HOME, casePath, stepPath } from './centre-steps.js';
import { flatAllocationOf } from './flat-allocation-view.js';

type Form = 'answer' | 'observations' | 'withdraw';

/** An office's message kept on the case (integration request, 10-bis notice, decision). */
interface OfficeMessage {
  title: MessageKey;
  at: string;
  text: string;
  appeal?: string;
}

function officeMessages(app: {
  integrationRequest: Record<string, unknown> | null;
  preRejectionNotice: Record<string, unknown> | null;
  decision: Record<string, unknown> | null;
}): OfficeMessage[] {
  const out: OfficeMessage[] = [];
  const r = app.integrationRequest as { message?: string; requestedAt?: string } | null;
  if (r?.message && r.requestedAt) out.push({ title: 'centreIntegrationMessage', at: r.requestedAt, text: r.message });
  const n = app.preRejectionNotice as { reasons?: string; sentAt?: string } | null;
  if (n?.reasons && n.sentAt) out.push({ title: 'centreNoticeMessage', at: n.sentAt, text: n.reasons });
  const d = app.decision as { reasons?: string; decidedAt?: string; appeal?: string | null } | null;
  if (d?.reasons && d.decidedAt) {
    out.push({ title: 'centreDecisionMessage', at: d.decidedAt, text: d.reasons, appeal: d.appeal ?? undefined });
  }
  return out;
}

/**
 * A case the centre operator filed: its page with its state, timeline, the
 * office's messages, the flat allocated (never its address) and only the actions its
 * allowedActions list (answer an integration request, 10-bis observations, withdraw), each
 * through the API's own service. Another centre's operator gets the not-found page.
 */
export function centreCasePages(s: PortalServices): PageRoute[] {
  const casePage = async (
    ctx: PageContext,
    error: { form: Form; message: string } | null,
    status = 200,
  ): Promise<PageResult> => {
    const { t, lang } = ctx;
    const principal = ctx.session!.principal!;
    const app = await centreCase(s, ctx);
    if (app.status === ApplicationStatus.DRAFT) return { redirect: stepPath(app.id, 'data') };
    const history = await s.cases.history(principal, app.id);
    const csrf = (await ctx.ensureSession()).csrfToken;
    const may = (a: string) => (app.allowedActions as readonly string[]).includes(a);
    const err = (f: Form) => (error?.form === f ? error.message : undefined);
    const messages = officeMessages(app);
    const flat = flatAllocationOf(history);
    const heading = t('centreCaseHeading', { protocol: app.protocolNumber ?? '' });
    return {
      status,
      html: (
        <WorkbenchLayout
          chrome={ctx.chrome()}
          title={t('centreCaseTitle')}
          roles={principal.roles}
          section="centre"
          crumbs={[{ label: t('centreTitle'), href: CENTRE_HOME }, { label: heading }]}
        >
          <ErrorSummary
            title={t('errorSummaryTitle')}
            errors={error ? [{ anchor: `f-${error.form}`, message: error.message }] : []}
          />
          <h1>{heading}</h1>
          <CaseFacts t={t} lang={lang} app={app}>
            <dt class="col-sm-4">{t('receivedAt')}</dt>
            <dd class="col-sm-8">{app.receivedAt ? formatDateTime(app.receivedAt, lang) : '—'}</dd>
          </CaseFacts>
          <p>
            <a href={casePath(app.id, '/ricevuta.pdf')} download>
              {t('downloadReceipt')}
            </a>
          </p>
          <section aria-labelledby="flat-title" class="mt-4">
            <h2 class="h4" id="flat-title">
              {t('centreFlatTitle')}
            </h2>
            {flat ? (
              <div id="flat-allocation">
                <p class="fw-bold">
                  {t('centreFlatAllocated', { date: formatDate(flat.at, lang), province: flat.province ?? '—' })}
                </p>
                <p>{t('centreFlatAddress')}</p>
              </div>
            ) : (
              <p id="flat-allocation">{t('centreFlatNone')}</p>
            )}
          </section>
          <section aria-labelledby="messages-title" class="mt-4">
            <h2 class="h4" id="messages-title">
              {t('centreOfficeMessages')}
            </h2>
            {messages.length === 0 ? <p>{t('centreNoMessages')}</p> : null}
            {messages.map((m) => (
              <div class="mb-3" key={m.title}>
                <p class="fw-bold mb-1">{t(m.title, { date: formatDate(m.at, lang) })}</p>
                <blockquote class="blockquote mb-1" lang="it">
                  {m.text}
                </blockquote>
                {m.appeal ? (
                  <p class="small" lang="it">
                    {m.appeal}
                  </p>
                ) : null}
              </div>
            ))}
          </section>
          {may('answer_integration') ? (
            <CaseActionForm
              id="answer"
              title={t('answerIntegration')}
              action={casePath(app.id, '/integrazione')}
              csrf={csrf}
              version={app.version}
              button={t('sendAnswer')}
              primary
            >
              <TextField name="answer" label={t('centreAnswerLabel')} error={err('answer')} required />
            </CaseActionForm>
          ) : null}
          {may('submit_observations') ? (
            <CaseActionForm
              id="obs"
              title={t('sendObservations')}
              action={casePath(app.id, '/osservazioni')}
              csrf={csrf}
              version={app.version}
              button={t('sendObservations')}
              primary
            >
              <TextField
                name="observations"
                label={t('centreObservationsLabel')}
                error={err('observations')}
                required
              />
            </CaseActionForm>
          ) : null}
          <section aria-labelledby="timeline-title" class="mt-4">
            <h2 class="h4" id="timeline-title">
              {t('caseTimeline')}
            </h2>
            {/* The flat's allocation in its own words: its reason may hold the address. */}
            <CaseTimeline
              t={t}
              lang={lang}
              history={history}
              special={(h) => (h.event === 'allocate_flat' ? t('centreEventFlat') : null)}
            />
          </section>
          {may('withdraw') ? (
            <CaseActionForm
              id="withdraw"
              title={t('centreWithdraw')}
              action={casePath(app.id, '/ritiro')}
              csrf={csrf}
              version={app.version}
              button={t('centreWithdraw')}
              primary={false}
            >
              <CheckboxField name="withdraw" label={t('centreWithdrawConfirm')} error={err('withdraw')} />
            </CaseActionForm>
          ) : null}
        </WorkbenchLayout>
      ),
    };
  };

  /** One action through its service; its text required, its refusal shown on its form. */
  const act =
    (form: Form, run: (ctx: PageContext, id: string, version: number, text: string) => Promise<unknown>) =>
    async (ctx: PageContext): Promise<PageResult> => {
      const app = await centreCase(s, ctx);
      return runCaseAction(ctx, {
        form,
        field: form,
        required: form === 'withdraw' ? 'centreWithdrawRequired' : 'required',
        run: (text, version) => run(ctx, app.id, version, text),
        page: (error, status) => casePage(ctx, error, status),
        done: casePath(app.id),
      });
    };

  return [
    { method: 'GET', url: `${CENTRE_HOME}/pratiche/:id`, policy: CAV, handler: (ctx) => casePage(ctx, null) },
    {
      method: 'POST',
      url: `${CENTRE_HOME}/pratiche/:id/integrazione`,
      policy: CAV,
      handler: act('answer', (ctx, id, version, message) =>
        s.review.answerIntegration(ctx.session!.principal!, id, { version, message }),
      ),
    },
    {
      method: 'POST',
      url: `${CENTRE_HOME}/pratiche/:id/osservazioni`,
      policy: CAV,
      handler: act('observations', (ctx, id, version, text) =>
        s.review.submitObservations(ctx.session!.principal!, id, { version, text }),
      ),
    },
    {
      method: 'POST',
      url: `${CENTRE_HOME}/pratiche/:id/ritiro`,
      policy: CAV,
      handler: act('withdraw', (ctx, id, version) =>
        s.intake.withdraw(ctx.session!.principal!, id, version, 'Ritirata dal centro / withdrawn by the centre'),
      ),
    },
  ];
}
