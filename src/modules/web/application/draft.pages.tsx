import { AppError } from '../../../common/errors/app-error.js';
import { ERROR_CATALOG } from '../../../common/errors/error-catalog.js';
import type { AccessPolicy } from '../../../common/access/access-policy.js';
import { Role } from '../../../common/access/role.js';
import { CsrfField, ErrorSummary } from '../components/form-controls.js';
import { formatDateTime } from '../format.js';
import type { MessageKey } from '../i18n/messages.js';
import { Layout } from '../layout/layout.js';
import { measureBySlug, pageTitleOf, slugFor, type PortalMeasure } from '../measure/portal-measures.js';
import type { PageContext, PageResult, PageRoute } from '../page.js';
import type { PortalServices } from '../portal-services.js';
import { kindOf, type JsonSchemaNode } from '../schema-form/field-kind.js';
import { formErrorsOf, parseSchemaForm, valuesOf } from '../schema-form/parse-form.js';
import { rowsOf, SchemaFields } from '../schema-form/schema-form.js';

const APPLICANT: AccessPolicy = { kind: 'roles', roles: [Role.APPLICANT] };
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

interface DraftView {
  measure: PortalMeasure;
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
  const render = async (ctx: PageContext, v: DraftView, status = 200): Promise<PageResult> => {
    const { t, lang } = ctx;
    const session = await ctx.ensureSession();
    const title = v.measure.definition.title[lang];
    // A refusal that names no field (window closed, stale draft) links to the form itself.
    const summary = Object.entries(v.errors).map(([name, message]) => ({ anchor: name === 'form' ? 'draft-form' : `f-${name.replace(/\./g, '-')}`, message }));
    return {
      status,
      html: (
        <Layout
          chrome={ctx.chrome()}
          title={`${t('applicationTitle')} – ${pageTitleOf(v.measure, lang, t('sealedTitle'))}`}
          crumbs={[{ label: title, href: `/misure/${v.measure.slug}` }, { label: t('applicationTitle') }]}
        >
          <ErrorSummary title={t('errorSummaryTitle')} errors={summary} />
          {v.notice ? (
            <div class="alert alert-success" role="status">
              {t(v.notice)}
            </div>
          ) : null}
          <h1>
            {t('applicationTitle')}: {title}
          </h1>
          <p>{t('draftIntro')}</p>
          {v.updatedAt ? <p class="text-secondary">{t('draftUpdated', { when: formatDateTime(v.updatedAt, lang) })}</p> : null}
          <form method="post" action={v.action} id="draft-form" novalidate>
            <CsrfField token={session.csrfToken} />
            {v.version !== undefined ? <input type="hidden" name="_version" value={String(v.version)} /> : null}
            <SchemaFields schema={v.measure.definition.formSchema} values={v.values} errors={v.errors} lang={lang} t={t} />
            <button type="submit" class="btn btn-primary">
              {t('saveDraft')}
            </button>
          </form>
        </Layout>
      ),
    };
  };

  /** Parses the form; an "add a person" or a type error re-renders it instead of saving. */
  const read = (ctx: PageContext, m: PortalMeasure) => {
    const schema = m.definition.formSchema;
    const added = withAddedRow(schema, ctx.form);
    if (added) return { rerender: added, errors: {} };
    const { data, errors } = parseSchemaForm(schema, ctx.form);
    const messages = Object.fromEntries(Object.entries(errors).map(([k, v]) => [k, ctx.t(v)]));
    return Object.keys(errors).length ? { rerender: ctx.form, errors: messages } : { data };
  };
  const serviceError = (ctx: PageContext, error: unknown) => {
    if (!(error instanceof AppError) || ERROR_CATALOG[error.code].status === 404) throw error;
    const fields = formErrorsOf(error.extra.errors);
    return { errors: Object.keys(fields).length ? fields : { form: error.detail[ctx.lang] }, status: ERROR_CATALOG[error.code].status };
  };
  const caseOf = async (ctx: PageContext) => {
    const id = (ctx.req.params as { id: string }).id;
    if (!UUID.test(id)) throw new AppError('NOT_FOUND', { it: 'Domanda non trovata', en: 'Application not found' });
    const app = await s.cases.get(ctx.session!.principal!, id);
    return { app, measure: await measureBySlug(s.catalog, slugFor(app.measureCode, app.sealed)) };
  };

  return [
    {
      method: 'GET',
      url: '/misure/:slug/domanda',
      policy: APPLICANT,
      handler: async (ctx) => {
        const m = await measureBySlug(s.catalog, (ctx.req.params as { slug: string }).slug);
        return render(ctx, { measure: m, action: `/misure/${m.slug}/domanda`, values: {}, errors: {} });
      },
    },
    {
      method: 'POST',
      url: '/misure/:slug/domanda',
      policy: APPLICANT,
      handler: async (ctx) => {
        const m = await measureBySlug(s.catalog, (ctx.req.params as { slug: string }).slug);
        const action = `/misure/${m.slug}/domanda`;
        const parsed = read(ctx, m);
        if (!parsed.data) return render(ctx, { measure: m, action, values: parsed.rerender, errors: parsed.errors }, Object.keys(parsed.errors).length ? 400 : 200);
        try {
          const draft = await s.intake.createDraft(ctx.session!.principal!, m.code, parsed.data);
          return { redirect: `/domande/${draft.id}?salvata=1` };
        } catch (error) {
          const { errors, status } = serviceError(ctx, error);
          return render(ctx, { measure: m, action, values: ctx.form, errors }, status);
        }
      },
    },
    {
      method: 'GET',
      url: '/domande/:id',
      policy: APPLICANT,
      handler: async (ctx) => {
        const { app, measure } = await caseOf(ctx);
        if (app.status !== 'DRAFT') return render(ctx, { measure, action: `/domande/${app.id}`, values: {}, errors: { form: ctx.t('draftNotEditable') } }, 409);
        const values = valuesOf(measure.definition.formSchema, app.data);
        return render(ctx, { measure, action: `/domande/${app.id}`, values, errors: {}, version: app.version, notice: ctx.query.salvata === '1' ? 'draftSaved' : undefined });
      },
    },
    {
      method: 'POST',
      url: '/domande/:id',
      policy: APPLICANT,
      handler: async (ctx) => {
        const { app, measure } = await caseOf(ctx);
        const action = `/domande/${app.id}`;
        const parsed = read(ctx, measure);
        const version = Number(ctx.form._version);
        if (!parsed.data) return render(ctx, { measure, action, values: parsed.rerender, errors: parsed.errors, version }, Object.keys(parsed.errors).length ? 400 : 200);
        try {
          await s.intake.updateDraft(ctx.session!.principal!, app.id, version, parsed.data);
          return { redirect: `${action}?salvata=1` };
        } catch (error) {
          const { errors, status } = serviceError(ctx, error);
          return render(ctx, { measure, action, values: ctx.form, errors, version }, status);
        }
      },
    },
  ];
}
