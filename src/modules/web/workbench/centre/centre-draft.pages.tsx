import type { MessageKey } from '../../i18n/messages.js';
import type { PortalMeasure } from '../../measure/portal-measures.js';
import type { PageContext, PageResult, PageRoute } from '../../page.js';
import type { PortalServices } from '../../portal-services.js';
import { parseSchemaForm, valuesOf } from '../../schema-form/parse-form.js';
import { DraftForm } from '../../application/filing-steps.js';
import { CAV, centreForm, centreFrame, draftCase, refusal } from './centre-frame.js';
import { centreMeasureBySlug } from './centre-measures.js';
import { CENTRE_HOME, casePath, newCasePath, stepPath } from './centre-steps.js';

/**
 * The first step of filing a case for a woman the centre follows: the measure's data through
 * the schema-form renderer, saved as a draft through IntakeService (createDraft on the first
 * save, so no empty draft is left behind; updateDraft after). The form holds no address: her
 * address never leaves the centre.
 */
export function centreDraftPages(s: PortalServices): PageRoute[] {
  const dataPage = async (
    ctx: PageContext,
    v: {
      measure: PortalMeasure;
      id: string | null;
      values: Readonly<Record<string, string>>;
      errors: Record<string, string>;
      version?: number;
      notice?: MessageKey;
    },
    status = 200,
  ): Promise<PageResult> => {
    const { t, lang } = ctx;
    const csrf = (await ctx.ensureSession()).csrfToken;
    const errors = Object.entries(v.errors).map(([name, message]) => ({
      anchor: name === 'form' ? 'draft-form' : `f-${name.replace(/\./g, '-')}`,
      message,
    }));
    const action = v.id ? stepPath(v.id, 'data') : newCasePath(v.measure.slug);
    return {
      status,
      html: centreFrame(
        ctx,
        t('stepData'),
        'data',
        v.id,
        <>
          {v.notice ? (
            <div class="alert alert-success" role="status">
              {t(v.notice)}
            </div>
          ) : null}
          <p>{t('centreDataIntro')}</p>
          <DraftForm
            t={t}
            lang={lang}
            action={action}
            csrf={csrf}
            version={v.version}
            schema={centreForm(v.measure)}
            values={v.values}
            errors={v.errors}
          />
        </>,
        errors,
      ),
    };
  };

  /** The posted form as data, or the messages of answers that are not even of the right type. */
  const read = (ctx: PageContext, m: PortalMeasure) => {
    const { data, errors } = parseSchemaForm(centreForm(m), ctx.form);
    const messages = Object.fromEntries(Object.entries(errors).map(([k, v]) => [k, ctx.t(v)]));
    return Object.keys(messages).length ? { errors: messages } : { data };
  };
  const afterSave = (ctx: PageContext, id: string) =>
    ctx.form._go === 'next' ? stepPath(id, 'documents') : `${stepPath(id, 'data')}?salvata=1`;

  /** A step of a case still in draft; once registered, its steps lead to the case. */
  const onDraft =
    (run: (ctx: PageContext, found: NonNullable<Awaited<ReturnType<typeof draftCase>>>) => Promise<PageResult>) =>
    async (ctx: PageContext): Promise<PageResult> => {
      const found = await draftCase(s, ctx);
      if (!found) return { redirect: casePath((ctx.req.params as { id: string }).id) };
      return run(ctx, found);
    };

  return [
    {
      method: 'GET',
      url: `${CENTRE_HOME}/nuova/:slug`,
      policy: CAV,
      handler: async (ctx) => {
        const slug = (ctx.req.params as { slug: string }).slug;
        const measure = await centreMeasureBySlug(s.catalog, slug);
        return dataPage(ctx, { measure, id: null, values: {}, errors: {} });
      },
    },
    {
      method: 'POST',
      url: `${CENTRE_HOME}/nuova/:slug`,
      policy: CAV,
      handler: async (ctx) => {
        const slug = (ctx.req.params as { slug: string }).slug;
        const measure = await centreMeasureBySlug(s.catalog, slug);
        const parsed = read(ctx, measure);
        if (!parsed.data) return dataPage(ctx, { measure, id: null, values: ctx.form, errors: parsed.errors }, 400);
        try {
          const draft = await s.intake.createDraft(ctx.session!.principal!, measure.code, parsed.data);
          return { redirect: afterSave(ctx, draft.id) };
        } catch (error) {
          const { fields, status } = refusal(ctx, error);
          return dataPage(ctx, { measure, id: null, values: ctx.form, errors: fields }, status);
        }
      },
    },
    {
      method: 'GET',
      url: `${CENTRE_HOME}/pratiche/:id/dati`,
      policy: CAV,
      handler: onDraft((ctx, { app, measure }) =>
        dataPage(ctx, {
          measure,
          id: app.id,
          values: valuesOf(centreForm(measure), app.data),
          errors: {},
          version: app.version,
          notice: ctx.query.salvata === '1' ? 'centreDataSaved' : undefined,
        }),
      ),
    },
    {
      method: 'POST',
      url: `${CENTRE_HOME}/pratiche/:id/dati`,
      policy: CAV,
      handler: onDraft(async (ctx, { app, measure }) => {
        const version = Number(ctx.form._version);
        const base = { measure, id: app.id, version, values: ctx.form };
        const parsed = read(ctx, measure);
        if (!parsed.data) return dataPage(ctx, { ...base, errors: parsed.errors }, 400);
        try {
          await s.intake.updateDraft(ctx.session!.principal!, app.id, version, parsed.data);
          return { redirect: afterSave(ctx, app.id) };
        } catch (error) {
          const { fields, status } = refusal(ctx, error);
          return dataPage(ctx, { ...base, errors: fields }, status);
        }
      }),
    },
  ];
}
