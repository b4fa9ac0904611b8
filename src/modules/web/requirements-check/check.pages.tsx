import type { Principal } from '../../../common/access/principal.js';
import type { DryRunResultDto } from '../../measures/dto/dry-run.dto.js';
import {
  CsrfField,
  ErrorSummary,
  fieldAnchor,
  RadioGroup,
  SelectField,
  TextField,
} from '../components/form-controls.js';
import type { Lang } from '../i18n/lang.js';
import type { Translate } from '../i18n/messages.js';
import { Layout } from '../layout/layout.js';
import { measureBySlug, pageTitleOf, type PortalMeasure } from '../measure/portal-measures.js';
import type { PageContext, PageResult, PageRoute } from '../page.js';
import type { PortalServices } from '../portal-services.js';
import { checkFields, parseAnswers, type CheckField } from './check-form.js';
import { enumLabel } from './enum-labels.js';

/**
 * A visitor without an account: no role, so the dry run serves published versions only (a
 * draft is ADMIN's), and the version is the one in force anyway.
 */
const VISITOR: Principal = {
  id: '00000000-0000-0000-0000-000000000000',
  roles: [],
  scope: { atsCodes: [], ambitoCodes: [] },
};

/** Form schema titles are in Italian only: marked as such on an English page. */
const Label = ({ f, lang }: { f: CheckField; lang: Lang }) =>
  f.labelLang === lang ? <>{f.label}</> : <span lang="it">{f.label}</span>;

function Question({
  f,
  value,
  error,
  t,
  lang,
}: {
  f: CheckField;
  value?: string;
  error?: string;
  t: Translate;
  lang: Lang;
}) {
  const label = <Label f={f} lang={lang} />;
  const hint = t('optionalHint');
  if (f.kind === 'boolean') {
    return (
      <RadioGroup
        name={f.name}
        legend={label}
        value={value}
        error={error}
        options={[
          { value: 'true', label: t('yes') },
          { value: 'false', label: t('no') },
        ]}
      />
    );
  }
  if (f.kind === 'choice') {
    const options = f.options.map((o) => ({ value: o, label: enumLabel(o, lang) }));
    return options.length <= 4 ? (
      <RadioGroup name={f.name} legend={label} value={value} error={error} options={options} />
    ) : (
      <SelectField
        name={f.name}
        legend={label}
        value={value}
        error={error}
        options={options}
        placeholder={t('choose')}
        hint={hint}
      />
    );
  }
  if (f.kind === 'euro') {
    return (
      <TextField name={f.name} label={label} value={value} error={error} hint={t('euroHint')} inputMode="decimal" />
    );
  }
  if (f.kind === 'integer' || f.kind === 'number') {
    return <TextField name={f.name} label={label} value={value} error={error} hint={hint} inputMode="numeric" />;
  }
  if (f.kind === 'date') {
    return <TextField name={f.name} label={label} value={value} error={error} hint={t('dateHint')} />;
  }
  return <TextField name={f.name} label={label} value={value} error={error} hint={hint} />;
}

const RESULT_CLASS = { pass: 'portal-rule-pass', fail: 'portal-rule-fail', review: 'portal-rule-review' } as const;

function Results({
  result,
  fields,
  t,
  lang,
}: {
  result: DryRunResultDto;
  fields: readonly CheckField[];
  t: Translate;
  lang: Lang;
}) {
  const labelOf = (fact: string) => fields.find((f) => f.name === fact)?.label ?? fact;
  return (
    <section aria-labelledby="check-result" class="mt-4">
      <h2 id="check-result" class="h3">
        {t('checkResult')}
      </h2>
      <p class="lead" role="status">
        <strong>{t(`outcome_${result.outcome as 'eligible' | 'not_eligible' | 'needs_review'}`)}</strong>
      </p>
      <ul class="list-unstyled">
        {result.rules.map((rule) => {
          const r = { ...rule, result: rule.result as keyof typeof RESULT_CLASS };
          return (
            <li key={r.id} class={`ps-3 mb-3 ${RESULT_CLASS[r.result]}`}>
              <strong>{t(`result_${r.result}`)}</strong>: {r.text[lang]}
              {r.missing && r.missing.length ? (
                <div>
                  <small>{t('missingFacts', { facts: r.missing.map(labelOf).join(', ') })}</small>
                </div>
              ) : null}
            </li>
          );
        })}
      </ul>
      {result.benefit ? <p>{t('estimatedAmount', { amount: result.benefit.explanation[lang] })}</p> : null}
      <p>
        <em>{t('checkDisclaimer')}</em>
      </p>
    </section>
  );
}

/**
 * Checking the requirements without logging in: the questions come from the facts the rules
 * read, the answers go through the API's own dry run and are never stored. A POST (answers such
 * as an ISEE never travel in a URL) with the anonymous session's CSRF token.
 */
export function requirementsCheckPages(s: PortalServices): PageRoute[] {
  const page = async (
    ctx: PageContext,
    m: PortalMeasure,
    answers: Readonly<Record<string, string>>,
    result: DryRunResultDto | null,
    errors: Record<string, string>,
  ): Promise<PageResult> => {
    const { t, lang } = ctx;
    const session = await ctx.ensureSession();
    const fields = checkFields(m.definition, lang);
    const title = m.definition.title[lang];
    const summary = fields
      .filter((f) => errors[f.name])
      .map((f) => ({
        anchor: fieldAnchor(f.name, f.kind === 'boolean' || (f.kind === 'choice' && f.options.length <= 4)),
        message: `${f.label}: ${errors[f.name]}`,
      }));
    return {
      status: summary.length ? 400 : 200,
      html: (
        <Layout
          chrome={ctx.chrome()}
          title={`${t('checkTitle')} – ${pageTitleOf(m, lang, t('sealedTitle'))}`}
          crumbs={[{ label: title, href: `/misure/${m.slug}` }, { label: t('checkTitle') }]}
        >
          <ErrorSummary title={t('errorSummaryTitle')} errors={summary} />
          <h1>{t('checkTitle')}</h1>
          <p class="lead">{title}</p>
          <p>{t('checkIntro')}</p>
          {/* The result first: without JavaScript the page after the POST opens at the top. */}
          {result ? <Results result={result} fields={fields} t={t} lang={lang} /> : null}
          <form method="post" action={`/misure/${m.slug}/verifica`} novalidate>
            <CsrfField token={session.csrfToken} />
            {fields.map((f) => (
              <Question key={f.name} f={f} value={answers[f.name]} error={errors[f.name]} t={t} lang={lang} />
            ))}
            <button type="submit" class="btn btn-primary">
              {t('checkSubmit')}
            </button>
          </form>
        </Layout>
      ),
    };
  };
  const slugOf = (ctx: PageContext) => (ctx.req.params as { slug: string }).slug;
  return [
    {
      method: 'GET',
      url: '/misure/:slug/verifica',
      policy: { kind: 'public' },
      handler: async (ctx) => page(ctx, await measureBySlug(s.catalog, slugOf(ctx)), {}, null, {}),
    },
    {
      method: 'POST',
      url: '/misure/:slug/verifica',
      policy: { kind: 'public' },
      handler: async (ctx) => {
        const m = await measureBySlug(s.catalog, slugOf(ctx));
        const { facts, errors } = parseAnswers(checkFields(m.definition, ctx.lang), ctx.form);
        const messages = Object.fromEntries(Object.entries(errors).map(([k, v]) => [k, ctx.t(v)]));
        if (Object.keys(errors).length) return page(ctx, m, ctx.form, null, messages);
        const result = await s.dryRuns.run(VISITOR, m.code, m.version, { facts });
        return page(ctx, m, ctx.form, result, {});
      },
    },
  ];
}
