import { AppError } from '../../../common/errors/app-error.js';
import { ERROR_CATALOG } from '../../../common/errors/error-catalog.js';
import type { AccessPolicy } from '../../../common/access/access-policy.js';
import { Role } from '../../../common/access/role.js';
import { CheckboxField, CsrfField, ErrorSummary } from '../components/form-controls.js';
import { formatDateTime } from '../format.js';
import type { MessageKey } from '../i18n/messages.js';
import { Layout } from '../layout/layout.js';
import { measureBySlug, pageTitleOf, slugFor, type PortalMeasure } from '../measure/portal-measures.js';
import type { PageContext, PageResult, PageRoute } from '../page.js';
import type { PortalServices } from '../portal-services.js';
import { kindOf, type JsonSchemaNode } from '../schema-form/field-kind.js';
import { formErrorsOf, parseSchemaForm, valuesOf } from '../schema-form/parse-form.js';
import { rowsOf } from '../schema-form/schema-form.js';
import { pickFields, stepHref, StepsNav, whoFieldsOf } from './steps.js';
import { DraftForm } from './filing-steps.js';

const APPLICANT: AccessPolicy = { kind: 'roles', roles: [Role.APPLICANT] };
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

interface DraftView {
  measure: PortalMeasure;
  step: 'who' | 'data';
  id: string;
  action: string;
  values: Readonly<Record<string, string>>;
  errors: Record<string, string>;
  version?: number;
  notice?: MessageKey;
  updatedAt?: string;
}

/** "Add a person" posts the form back with one more row of the array it names. */
function withAddedRow(schema: JsonSchemaNode, form: Readonly<Record<string, string>>): Record<string, string> | null {
  const name = form._add;
  const p = ((schema.properties ?? {}) as Record<string, JsonSchemaNode>)[name ?? ''];
  if (!name || !p || kindOf(p) !== 'array') return null;
  return { ...form, [`${name}.${rowsOf(form, name)}._row`]: '' };
}

/**
 * The first step of an application: the measure's form rendered from its JSON Schema, saved as
 * a draft through the API's IntakeService (owner, window and measure checks stay there), and
 * resumed later from /domande/<id>. Submission comes with the next steps.
 */
export function draftPages(s: PortalServices): PageRoute[] {
  const partOf = (m: PortalMeasure, step: 'who' | 'data') => {
    const who = whoFieldsOf(m.definition.formSchema, m.definition.beneficiaryFiscalCodeField);
    return pickFields(m.definition.formSchema, (k) => (step === 'who') === who.includes(k));
  };
  const render = async (ctx: PageContext, v: DraftView, status = 200): Promise<PageResult> => {
    const { t, lang } = ctx;
    const session = await ctx.ensureSession();
    const title = v.measure.definition.title[lang];
    const stepTitle = t(v.step === 'who' ? 'stepWho' : 'stepData');
    // A refusal that names no field (window closed, stale draft) links to the form itself.
    const summary = Object.entries(v.errors).map(([name, message]) => ({
      anchor: name === 'form' ? 'draft-form' : `f-${name.replace(/\./g, '-')}`,
      message,
    }));
    return {
      status,
      html: (
        <Layout
          chrome={ctx.chrome()}
          title={`${stepTitle} – ${t('applicationTitle')} – ${pageTitleOf(v.measure, lang, t('sealedTitle'))}`}
          crumbs={[
            { label: title, href: `/misure/${v.measure.slug}` },
            { label: t('applicationTitle'), href: stepHref(v.id, 'who') },
            { label: stepTitle },
          ]}
        >
          <ErrorSummary title={t('errorSummaryTitle')} errors={summary} />
          {v.notice ? (
            <div class="alert alert-success" role="status">
              {t(v.notice)}
            </div>
          ) : null}
          <StepsNav t={t} current={v.step} id={v.id} />
          <h1>
            {stepTitle}: {title}
          </h1>
          <p>{t(v.step === 'who' ? 'whoIntro' : 'draftIntro')}</p>
          {v.updatedAt ? (
            <p class="text-secondary">{t('draftUpdated', { when: formatDateTime(v.updatedAt, lang) })}</p>
          ) : null}
          <DraftForm
            t={t}
            lang={lang}
            action={v.action}
            csrf={session.csrfToken}
            version={v.version}
            schema={partOf(v.measure, v.step)}
            values={v.values}
            errors={v.errors}
          />
        </Layout>
      ),
    };
  };

  const consentPage = async (
    ctx: PageContext,
    m: PortalMeasure,
    error: string | null,
    status = 200,
  ): Promise<PageResult> => {
    const { t, lang } = ctx;
    const session = await ctx.ensureSession();
    return {
      status,
      html: (
        <Layout
          chrome={ctx.chrome()}
          title={`${t('stepPrivacy')} – ${t('applicationTitle')} – ${pageTitleOf(m, lang, t('sealedTitle'))}`}
          crumbs={[{ label: m.definition.title[lang], href: `/misure/${m.slug}` }, { label: t('applicationTitle') }]}
        >
          <ErrorSummary
            title={t('errorSummaryTitle')}
            errors={error ? [{ anchor: 'f-consent', message: error }] : []}
          />
          <StepsNav t={t} current="privacy" id={null} />
          <h1>
            {t('stepPrivacy')}: {m.definition.title[lang]}
          </h1>
          <p>{t('consentIntro', { body: m.definition.managingBody[lang] })}</p>
          <p>
            <a href="/privacy">{t('privacyTitle')}</a>
          </p>
          <form method="post" action={`/misure/${m.slug}/domanda`} id="draft-form" novalidate>
            <CsrfField token={session.csrfToken} />
            <CheckboxField name="consent" label={t('consentLabel')} error={error ?? undefined} />
            <button type="submit" class="btn btn-primary">
              {t('startApplication')}
            </button>
          </form>
        </Layout>
      ),
    };
  };

  /** Parses the form; an "add a person" or a type error re-renders it instead of saving. */
  const read = (ctx: PageContext, m: PortalMeasure, step: 'who' | 'data') => {
    const schema = partOf(m, step);
    const added = withAddedRow(schema, ctx.form);
    if (added) return { rerender: added, errors: {} };
    const { data, errors } = parseSchemaForm(schema, ctx.form);
    const messages = Object.fromEntries(Object.entries(errors).map(([k, v]) => [k, ctx.t(v)]));
    return Object.keys(errors).length ? { rerender: ctx.form, errors: messages } : { data };
  };
  const serviceError = (ctx: PageContext, error: unknown) => {
    if (!(error instanceof AppError) || ERROR_CATALOG[error.code].status === 404) throw error;
    const fields = formErrorsOf(error.extra.errors, ctx.t);
    return {
      errors: Object.keys(fields).length ? fields : { form: error.detail[ctx.lang] },
      status: ERROR_CATALOG[error.code].status,
    };
  };
  const caseOf = async (ctx: PageContext) => {
    const id = (ctx.req.params as { id: string }).id;
    if (!UUID.test(id)) throw new AppError('NOT_FOUND', { it: 'Domanda non trovata', en: 'Application not found' });
    const app = await s.cases.get(ctx.session!.principal!, id);
    return { app, measure: await measureBySlug(s.catalog, slugFor(app.measureCode, app.sealed)) };
  };

  /** A step's part merged into the draft's data: what the step shows is replaced, the rest kept. */
  const merged = (
    m: PortalMeasure,
    step: 'who' | 'data',
    current: Record<string, unknown>,
    part: Record<string, unknown>,
  ) => {
    const mine = Object.keys(partOf(m, step).properties ?? {});
    return { ...Object.fromEntries(Object.entries(current).filter(([k]) => !mine.includes(k))), ...part };
  };
  const stepRoutes = (step: 'who' | 'data', suffix: string, next: string): PageRoute[] => [
    {
      method: 'GET',
      url: `/domande/:id${suffix}`,
      policy: APPLICANT,
      handler: async (ctx) => {
        const { app, measure } = await caseOf(ctx);
        const action = `/domande/${app.id}${suffix}`;
        if (app.status !== 'DRAFT') return { redirect: `/domande/${app.id}/ricevuta` };
        const values = valuesOf(partOf(measure, step), app.data);
        return render(ctx, {
          measure,
          step,
          id: app.id,
          action,
          values,
          errors: {},
          version: app.version,
          notice: ctx.query.salvata === '1' ? 'draftSaved' : undefined,
        });
      },
    },
    {
      method: 'POST',
      url: `/domande/:id${suffix}`,
      policy: APPLICANT,
      handler: async (ctx) => {
        const { app, measure } = await caseOf(ctx);
        const action = `/domande/${app.id}${suffix}`;
        const parsed = read(ctx, measure, step);
        const version = Number(ctx.form._version);
        const base = { measure, step, id: app.id, action, version };
        if (!parsed.data) {
          return render(
            ctx,
            { ...base, values: parsed.rerender, errors: parsed.errors },
            Object.keys(parsed.errors).length ? 400 : 200,
          );
        }
        try {
          await s.intake.updateDraft(
            ctx.session!.principal!,
            app.id,
            version,
            merged(measure, step, app.data, parsed.data),
          );
          return { redirect: ctx.form._go === 'next' ? next.replace(':id', app.id) : `${action}?salvata=1` };
        } catch (error) {
          const { errors, status } = serviceError(ctx, error);
          return render(ctx, { ...base, values: ctx.form, errors }, status);
        }
      },
    },
  ];

  return [
    {
      method: 'GET',
      url: '/misure/:slug/domanda',
      policy: APPLICANT,
      handler: async (ctx) =>
        consentPage(ctx, await measureBySlug(s.catalog, (ctx.req.params as { slug: string }).slug), null),
    },
    {
      method: 'POST',
      url: '/misure/:slug/domanda',
      policy: APPLICANT,
      handler: async (ctx) => {
        const m = await measureBySlug(s.catalog, (ctx.req.params as { slug: string }).slug);
        if (ctx.form.consent !== 'true') return consentPage(ctx, m, ctx.t('consentRequired'), 400);
        try {
          // Consent is given when the draft starts: the draft's creation records it.
          const draft = await s.intake.createDraft(ctx.session!.principal!, m.code, {});
          return { redirect: stepHref(draft.id, 'who') };
        } catch (error) {
          const { errors, status } = serviceError(ctx, error);
          return consentPage(ctx, m, Object.values(errors).join(' '), status);
        }
      },
    },
    ...stepRoutes('who', '/chi', '/domande/:id'),
    ...stepRoutes('data', '', '/domande/:id/documenti'),
  ];
}
