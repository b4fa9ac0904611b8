import type { ComponentChildren } from 'preact';
import type { AccessPolicy } from '../../../../common/access/access-policy.js';
import { hasRole } from '../../../../common/access/principal.js';
import { Role } from '../../../../common/access/role.js';
import { AppError, notFound } from '../../../../common/errors/app-error.js';
import { ERROR_CATALOG } from '../../../../common/errors/error-catalog.js';
import { Application } from '../../../applications/application.entity.js';
import { assertMay } from '../../../applications/case-rules.js';
import { ApplicationStatus } from '../../../applications/domain/application-status.js';
import { MeasureVersion } from '../../../measures/measure-version.entity.js';
import { CsrfField, ErrorSummary } from '../../components/form-controls.js';
import type { PageContext, PageResult, PageRoute } from '../../page.js';
import type { PortalServices } from '../../portal-services.js';
import { WorkbenchLayout } from '../workbench-layout.js';
import {
  ACTION_SPECS,
  titleKey,
  type ActionCase,
  type ActionSpec,
  type FormError,
  type Values,
} from './action-specs.js';
import { officersCovering, staffName } from './staff-directory.js';

const STAFF: AccessPolicy = { kind: 'roles', roles: [Role.OPERATOR, Role.MANAGER] };
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** Form fields that are the page's own, never an action's value. */
const OWN_FIELDS = new Set(['_csrf', '_version', '_step']);
/** The form field a service's field error is about, where the names differ. */
const FORM_FIELD_OF: Readonly<Record<string, string>> = { recoveryAmountCents: 'recovery', message: 'note' };

export const casePath = (id: string) => `/lavoro/pratiche/${id}`;
export const actionPath = (id: string, slug: string) => `${casePath(id)}/azioni/${slug}`;

/**
 * The workbench's action pages, `/lavoro/pratiche/:id/azioni/<action>`: a form with the fields
 * the law asks for, a confirmation step, then the same service method as the API route. The
 * case is read through CaseReadsService (not visible: the not-found page); an action outside
 * the case's allowedActions is refused with the rules' own reason and never executed; the
 * service's refusals (a stale version, four eyes, a rule) come back in the error summary.
 */
export function actionPages(s: PortalServices): PageRoute[] {
  const specOf = (ctx: PageContext): ActionSpec => {
    const spec = ACTION_SPECS.find((a) => a.slug === (ctx.req.params as { action: string }).action);
    if (!spec) throw notFound();
    return spec;
  };

  const load = async (ctx: PageContext, spec: ActionSpec): Promise<ActionCase> => {
    const id = (ctx.req.params as { id: string }).id;
    if (!UUID.test(id)) throw notFound();
    const actor = ctx.session!.principal!;
    const app = await s.cases.get(actor, id);
    const entity = await s.db.getRepository(Application).findOneByOrFail({ id });
    const version = entity.measureVersionId
      ? await s.db.getRepository(MeasureVersion).findOneBy({ id: entity.measureVersionId })
      : null;
    let proposer: ActionCase['proposer'] = null;
    if (spec.action.startsWith('decide') || spec.action === 'send_pre_rejection_notice') {
      const proposal = (await s.cases.history(actor, id)).filter((h) => h.event === 'propose').at(-1);
      if (proposal?.actorId) proposer = { name: await staffName(s.db, proposal.actorId), at: proposal.at };
    }
    return {
      app,
      entity,
      documents: version?.definition.requiredDocuments ?? [],
      officers: spec.action === 'assign' ? await officersCovering(s.db, entity) : [],
      proposer,
    };
  };

  /** Null when the caller may take the action now; else the rules' reason and its status. */
  const refusal = (ctx: PageContext, spec: ActionSpec, c: ActionCase): { message: string; status: number } | null => {
    const actor = ctx.session!.principal!;
    if (spec.action === 'check_outcome') {
      if (c.app.status === ApplicationStatus.APPROVED && hasRole(actor, Role.MANAGER)) return null;
    } else if (c.app.allowedActions.includes(spec.action)) {
      return null;
    }
    try {
      if (spec.action !== 'check_outcome') {
        assertMay(spec.action, actor, c.entity, s.clock.now(), {
          amountKnown: c.app.amountCents !== null,
          duplicateVisible: c.app.possibleDuplicate,
        });
      }
    } catch (error) {
      if (error instanceof AppError) {
        return { message: error.detail[ctx.lang], status: ERROR_CATALOG[error.code].status };
      }
      throw error;
    }
    return { message: ctx.t('actionNotAllowed'), status: 409 };
  };

  const frame = (ctx: PageContext, spec: ActionSpec, c: ActionCase, status: number, body: ComponentChildren) => {
    const { t } = ctx;
    const actionTitle = t(titleKey(spec.action));
    const caseLabel = t('actionsCase', { protocol: c.app.protocolNumber ?? '' });
    return {
      status,
      html: (
        <WorkbenchLayout
          chrome={ctx.chrome()}
          title={`${actionTitle} – ${caseLabel}`}
          roles={ctx.session!.principal!.roles}
          section="queue"
          crumbs={[{ label: caseLabel, href: casePath(c.app.id) }, { label: actionTitle }]}
        >
          {body}
        </WorkbenchLayout>
      ),
    };
  };

  const refused = (ctx: PageContext, spec: ActionSpec, c: ActionCase, r: { message: string; status: number }) =>
    frame(
      ctx,
      spec,
      c,
      r.status,
      <>
        <ErrorSummary
          title={ctx.t('actionNotAllowedTitle')}
          errors={[{ anchor: 'action-title', message: r.message }]}
        />
        <h1 id="action-title">{ctx.t(titleKey(spec.action))}</h1>
        <p>{ctx.t('actionNotAllowed')}</p>
        <p>
          <a href={casePath(c.app.id)}>{ctx.t('actionBack')}</a>
        </p>
      </>,
    );

  const form = async (
    ctx: PageContext,
    spec: ActionSpec,
    c: ActionCase,
    values: Values,
    errors: readonly FormError[],
    status = 200,
  ): Promise<PageResult> => {
    const { t, lang } = ctx;
    const csrf = (await ctx.ensureSession()).csrfToken;
    const byField = Object.fromEntries(errors.flatMap((e) => (e.field ? [[e.field, e.message]] : [])));
    return frame(
      ctx,
      spec,
      c,
      status,
      <>
        <ErrorSummary
          title={t('errorSummaryTitle')}
          errors={errors.map((e) => ({ anchor: e.field ? `f-${e.field}` : 'action-title', message: e.message }))}
        />
        <h1 id="action-title">{t(titleKey(spec.action))}</h1>
        <p class="lead">
          {t('actionsCase', { protocol: c.app.protocolNumber ?? '' })} – {t(`status_${c.app.status}`)}
        </p>
        <form method="post" action={actionPath(c.app.id, spec.slug)} novalidate>
          <CsrfField token={csrf} />
          <input type="hidden" name="_version" value={String(c.app.version)} />
          <input type="hidden" name="_step" value="review" />
          {spec.fields(values, byField, c, t, lang)}
          <button type="submit" class="btn btn-primary" id="action-continue">
            {t('actionContinue')}
          </button>
        </form>
        <p class="mt-3">
          <a href={casePath(c.app.id)}>{t('actionBack')}</a>
        </p>
      </>,
    );
  };

  const confirmation = async (ctx: PageContext, spec: ActionSpec, c: ActionCase, values: Values, version: string) => {
    const { t } = ctx;
    const csrf = (await ctx.ensureSession()).csrfToken;
    const actionTitle = t(titleKey(spec.action));
    return frame(
      ctx,
      spec,
      c,
      200,
      <>
        <h1 id="action-title">{t('actionConfirmTitle', { action: actionTitle })}</h1>
        <p>{t('actionConfirmIntro')}</p>
        <table class="table">
          <caption class="visually-hidden">{actionTitle}</caption>
          <thead>
            <tr>
              <th scope="col">{t('summaryField')}</th>
              <th scope="col">{t('summaryValue')}</th>
            </tr>
          </thead>
          <tbody>
            {spec.summary(values, c, t).map(([label, value]) => (
              <tr>
                <th scope="row">{label}</th>
                <td class="text-break">
                  {value.split('\n').map((line) => (
                    <span class="d-block">{line}</span>
                  ))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <form method="post" action={actionPath(c.app.id, spec.slug)} novalidate>
          <CsrfField token={csrf} />
          <input type="hidden" name="_version" value={version} />
          {Object.entries(values).map(([name, value]) => (
            <input type="hidden" name={name} value={value} />
          ))}
          <button type="submit" class="btn btn-primary me-2" name="_step" value="confirm" id="action-confirm">
            {t('actionConfirm')}
          </button>
          <button type="submit" class="btn btn-outline-primary" name="_step" value="edit">
            {t('actionEdit')}
          </button>
        </form>
      </>,
    );
  };

  const get = async (ctx: PageContext): Promise<PageResult> => {
    const spec = specOf(ctx);
    const c = await load(ctx, spec);
    const r = refusal(ctx, spec, c);
    return r ? refused(ctx, spec, c, r) : form(ctx, spec, c, {}, []);
  };

  const post = async (ctx: PageContext): Promise<PageResult> => {
    const spec = specOf(ctx);
    const c = await load(ctx, spec);
    const r = refusal(ctx, spec, c);
    if (r) return refused(ctx, spec, c, r);
    const values = Object.fromEntries(Object.entries(ctx.form).filter(([k]) => !OWN_FIELDS.has(k)));
    const step = ctx.form._step;
    if (step === 'edit') return form(ctx, spec, c, values, []);
    const errors = spec.parse(values, c, ctx.t);
    if (errors.length) return form(ctx, spec, c, values, errors, 400);
    const version = Number(ctx.form._version);
    if (step !== 'confirm' || !Number.isInteger(version)) {
      return confirmation(ctx, spec, c, values, String(Number.isInteger(version) ? version : c.app.version));
    }
    try {
      await spec.run(s, ctx.session!.principal!, c, version, values);
    } catch (error) {
      if (!(error instanceof AppError) || ERROR_CATALOG[error.code].status === 404) throw error;
      const fields = error.extra.errors ?? [];
      const message = error.detail[ctx.lang];
      // The service's words, on its field when it names one; the form shows the case as it is now.
      const shown: FormError[] = fields.length
        ? fields.map((f) => ({ field: FORM_FIELD_OF[f.field] ?? f.field, message }))
        : [{ field: null, message }];
      return form(ctx, spec, await load(ctx, spec), values, shown, ERROR_CATALOG[error.code].status);
    }
    return { redirect: `${casePath(c.app.id)}?fatto=${spec.slug}` };
  };

  return [
    { method: 'GET', url: '/lavoro/pratiche/:id/azioni/:action', policy: STAFF, handler: get },
    { method: 'POST', url: '/lavoro/pratiche/:id/azioni/:action', policy: STAFF, handler: post },
  ];
}
