import type { ComponentChildren } from 'preact';
import type { AccessPolicy } from '../../../../common/access/access-policy.js';
import { Role } from '../../../../common/access/role.js';
import { AppError } from '../../../../common/errors/app-error.js';
import { ERROR_CATALOG } from '../../../../common/errors/error-catalog.js';
import { ApplicationStatus } from '../../../applications/domain/application-status.js';
import { pickFields } from '../../application/steps.js';
import { ErrorSummary } from '../../components/form-controls.js';
import type { PortalMeasure } from '../../measure/portal-measures.js';
import type { PageContext } from '../../page.js';
import type { PortalServices } from '../../portal-services.js';
import { formErrorsOf } from '../../schema-form/parse-form.js';
import { WorkbenchLayout } from '../workbench-layout.js';
import { centreMeasureByCode } from './centre-measures.js';
import { CENTRE_HOME, CentreStepsNav, casePath, type CentreStep } from './centre-steps.js';

export const CAV: AccessPolicy = { kind: 'roles', roles: [Role.CAV_OPERATOR] };
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
export const notFound = () => new AppError('NOT_FOUND', { it: 'Pratica non trovata', en: 'Case not found' });

/** The fields the centre fills: the form without what the server sets itself (who submits). */
export const centreForm = (m: PortalMeasure) => pickFields(m.definition.formSchema, (k) => k !== 'submitterRole');

export type Errors = { anchor: string; message: string }[];

/** A service's refusal as the page's errors (a 404 stays the not-found page). */
export function refusal(ctx: PageContext, error: unknown): { fields: Record<string, string>; status: number } {
  if (!(error instanceof AppError) || ERROR_CATALOG[error.code].status === 404) throw error;
  const fields = formErrorsOf(error.extra.errors, ctx.t);
  return {
    fields: Object.keys(fields).length ? fields : { form: error.detail[ctx.lang] },
    status: ERROR_CATALOG[error.code].status,
  };
}

/** The case the operator filed (or may see): through the API's own read (others: not found). */
export async function centreCase(s: PortalServices, ctx: PageContext) {
  const id = (ctx.req.params as { id: string }).id;
  if (!UUID.test(id)) throw notFound();
  return s.cases.get(ctx.session!.principal!, id);
}

/**
 * The case while it is a draft, with the version in force of its measure (the one it will be
 * submitted under); null once registered, so its filing steps lead to the case.
 */
export async function draftCase(s: PortalServices, ctx: PageContext) {
  const app = await centreCase(s, ctx);
  if (app.status !== ApplicationStatus.DRAFT) return null;
  return { app, measure: await centreMeasureByCode(s.catalog, app.measureCode) };
}

/** A filing page: the workbench's layout with neutral title and crumbs, the error summary, the steps. */
export const centreFrame = (
  ctx: PageContext,
  pageTitle: string,
  step: CentreStep | null,
  id: string | null,
  children: ComponentChildren,
  errors: Errors = [],
) => {
  const { t } = ctx;
  const principal = ctx.session!.principal!;
  return (
    <WorkbenchLayout
      chrome={ctx.chrome()}
      title={`${pageTitle} – ${t(id ? 'centreCaseTitle' : 'centreNewTitle')}`}
      roles={principal.roles}
      section="centre"
      crumbs={[
        { label: t('centreTitle'), href: CENTRE_HOME },
        ...(id ? [{ label: t('centreCaseTitle'), href: casePath(id) }] : []),
        { label: pageTitle },
      ]}
    >
      <ErrorSummary title={t('errorSummaryTitle')} errors={errors} />
      {step ? <CentreStepsNav t={t} current={step} id={id} /> : null}
      <h1>{pageTitle}</h1>
      {children}
    </WorkbenchLayout>
  );
};
