import { AppError } from '../../../../common/errors/app-error.js';
import { ERROR_CATALOG } from '../../../../common/errors/error-catalog.js';
import { ApplicationStatus } from '../../../applications/domain/application-status.js';
import { CheckboxField, CsrfField, ErrorSummary, TextField } from '../../components/form-controls.js';
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
          <dl class="row">
            <dt class="col-sm-4">{t('statusColumn')}</dt>
            <dd class="col-sm-8" id="case-status">
              {t(`status_${app.status}`)}
            </dd>
            <dt class="col-sm-4">{t('receivedAt')}</dt>
            <dd class="col-sm-8">{app.receivedAt ? formatDateTime(app.receivedAt, lang) : '—'}</dd>
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
            <section aria-labelledby="answer-title" class="mt-4">
              <h2 class="h4" id="answer-title">
                {t('answerIntegration')}
              </h2>
              <form method="post" action={casePath(app.id, '/integrazione')} novalidate>
                <CsrfField token={csrf} />
                <input type="hidden" name="_version" value={String(app.version)} />
                <TextField name="answer" label={t('centreAnswerLabel')} error={err('answer')} required />
                <button type="submit" class="btn btn-primary">
                  {t('sendAnswer')}
                </button>
              </form>
            </section>
          ) : null}
          {may('submit_observations') ? (
            <section aria-labelledby="obs-title" class="mt-4">
              <h2 class="h4" id="obs-title">
                {t('sendObservations')}
              </h2>
              <form method="post" action={casePath(app.id, '/osservazioni')} novalidate>
                <CsrfField token={csrf} />
                <input type="hidden" name="_version" value={String(app.version)} />
                <TextField
                  name="observations"
                  label={t('centreObservationsLabel')}
                  error={err('observations')}
                  required
                />
                <button type="submit" class="btn btn-primary">
                  {t('sendObservations')}
                </button>
              </form>
            </section>
          ) : null}
          <section aria-labelledby="timeline-title" class="mt-4">
            <h2 class="h4" id="timeline-title">
              {t('caseTimeline')}
            </h2>
            <ol id="timeline">
              {history.map((h, i) => (
                <li key={i}>
                  <strong>{formatDateTime(h.at, lang)}</strong>:{' '}
                  {h.event === 'allocate_flat' ? t('centreEventFlat') : t(`status_${h.to}` as MessageKey)}
                  {h.reason && h.event !== 'allocate_flat' ? <span lang="it"> – {h.reason}</span> : null}
                </li>
              ))}
            </ol>
          </section>
          {may('withdraw') ? (
            <section aria-labelledby="withdraw-title" class="mt-4">
              <h2 class="h4" id="withdraw-title">
                {t('centreWithdraw')}
              </h2>
              <form method="post" action={casePath(app.id, '/ritiro')} novalidate>
                <CsrfField token={csrf} />
                <input type="hidden" name="_version" value={String(app.version)} />
                <CheckboxField name="withdraw" label={t('centreWithdrawConfirm')} error={err('withdraw')} />
                <button type="submit" class="btn btn-outline-primary">
                  {t('centreWithdraw')}
                </button>
              </form>
            </section>
          ) : null}
        </WorkbenchLayout>
      ),
    };
  };

  /** One action: the service's refusal (stale version, not allowed now) shown on its form. */
  const act =
    (form: Form, run: (ctx: PageContext, id: string, version: number, text: string) => Promise<unknown>) =>
    async (ctx: PageContext): Promise<PageResult> => {
      const app = await centreCase(s, ctx);
      const text = (ctx.form[form] ?? '').trim();
      if (!text || text.length > 4000) {
        return casePage(
          ctx,
          { form, message: ctx.t(form === 'withdraw' ? 'centreWithdrawRequired' : 'required') },
          400,
        );
      }
      try {
        await run(ctx, app.id, Number(ctx.form._version), text);
      } catch (error) {
        if (!(error instanceof AppError) || ERROR_CATALOG[error.code].status === 404) throw error;
        return casePage(ctx, { form, message: error.detail[ctx.lang] }, ERROR_CATALOG[error.code].status);
      }
      return { redirect: casePath(app.id) };
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
