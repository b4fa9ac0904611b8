import type { ComponentChildren } from 'preact';

/** Messages per field name, already in the page's language. */
export type FieldErrors = Readonly<Record<string, string>>;

/** The ids that describe a control: its hint and its error, when present. */
function describedBy(id: string, hint: unknown, error: unknown): string | undefined {
  const ids = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}

function Hint({ id, hint }: { id: string; hint?: string }) {
  return hint ? (
    <small id={`${id}-hint`} class="form-text">
      {hint}
    </small>
  ) : null;
}

function FieldError({ id, error }: { id: string; error?: string }) {
  return error ? (
    <div id={`${id}-error`} class="form-feedback invalid-feedback d-block">
      {error}
    </div>
  ) : null;
}

export interface TextFieldProps {
  name: string;
  label: ComponentChildren;
  id?: string;
  value?: string;
  hint?: string;
  error?: string;
  type?: 'text' | 'email' | 'password' | 'date' | 'number' | 'tel';
  required?: boolean;
  autocomplete?: string;
  inputMode?: 'text' | 'numeric' | 'decimal' | 'email';
  maxLength?: number;
}

/**
 * A labelled input. The label is rendered already raised (class "active"), so the layout does
 * not depend on Bootstrap Italia's script; hint and error are tied to it with aria-describedby.
 */
export function TextField(p: TextFieldProps) {
  const id = p.id ?? `f-${p.name}`;
  return (
    <div class="form-group">
      <label htmlFor={id} class="active">
        {p.label}
      </label>
      <input
        id={id}
        name={p.name}
        // Preact types each input type apart; the union is one of them at run time.

        type={(p.type ?? 'text') as 'text'}
        class={p.error ? 'form-control is-invalid' : 'form-control'}
        value={p.type === 'password' ? undefined : p.value}
        required={p.required}
        autocomplete={p.autocomplete}
        inputMode={p.inputMode}
        maxLength={p.maxLength}
        aria-invalid={p.error ? 'true' : undefined}
        aria-describedby={describedBy(id, p.hint, p.error)}
      />
      <Hint id={id} hint={p.hint} />
      <FieldError id={id} error={p.error} />
    </div>
  );
}

export interface Choice {
  value: string;
  label: string;
}

export interface ChoiceProps {
  name: string;
  legend: ComponentChildren;
  options: readonly Choice[];
  id?: string;
  value?: string;
  hint?: string;
  error?: string;
  required?: boolean;
}

/** Radio buttons in a fieldset: the legend is the question, each option its own label. */
export function RadioGroup(p: ChoiceProps) {
  const id = p.id ?? `f-${p.name}`;
  return (
    <fieldset class="form-group" id={id} aria-describedby={describedBy(id, p.hint, p.error)}>
      <legend class="h6">{p.legend}</legend>
      {p.options.map((o, i) => (
        <div class="form-check" key={o.value}>
          <input
            class={p.error ? 'form-check-input is-invalid' : 'form-check-input'}
            type="radio"
            id={i === 0 ? `${id}-input` : `${id}-${i}`}
            name={p.name}
            value={o.value}
            checked={p.value === o.value}
            required={p.required}
          />
          <label class="form-check-label" htmlFor={i === 0 ? `${id}-input` : `${id}-${i}`}>
            {o.label}
          </label>
        </div>
      ))}
      <Hint id={id} hint={p.hint} />
      <FieldError id={id} error={p.error} />
    </fieldset>
  );
}

/** A native select: long option lists, where radios would not fit. */
export function SelectField(p: ChoiceProps & { placeholder: string }) {
  const id = p.id ?? `f-${p.name}`;
  return (
    <div class="select-wrapper form-group">
      <label htmlFor={id}>{p.legend}</label>
      <select
        id={id}
        name={p.name}
        class={p.error ? 'form-select is-invalid' : 'form-select'}
        required={p.required}
        aria-invalid={p.error ? 'true' : undefined}
        aria-describedby={describedBy(id, p.hint, p.error)}
      >
        <option value="" selected={!p.value}>
          {p.placeholder}
        </option>
        {p.options.map((o) => (
          <option key={o.value} value={o.value} selected={p.value === o.value}>
            {o.label}
          </option>
        ))}
      </select>
      <Hint id={id} hint={p.hint} />
      <FieldError id={id} error={p.error} />
    </div>
  );
}

/** One checkbox with its own label (a consent, a yes/no declaration). */
export function CheckboxField(p: {
  name: string;
  label: string;
  id?: string;
  checked?: boolean;
  error?: string;
  hint?: string;
}) {
  const id = p.id ?? `f-${p.name}`;
  return (
    <div class="form-check form-group">
      <input
        id={id}
        name={p.name}
        type="checkbox"
        value="true"
        class={p.error ? 'form-check-input is-invalid' : 'form-check-input'}
        checked={p.checked}
        aria-invalid={p.error ? 'true' : undefined}
        aria-describedby={describedBy(id, p.hint, p.error)}
      />
      <label htmlFor={id} class="form-check-label">
        {p.label}
      </label>
      <Hint id={id} hint={p.hint} />
      <FieldError id={id} error={p.error} />
    </div>
  );
}

/** The synchronizer token every form posts back (checked on every POST). */
export function CsrfField({ token }: { token: string }) {
  return <input type="hidden" name="_csrf" value={token} />;
}

/** The ids the summary links to: the control itself, or a group's first option. */
export const fieldAnchor = (name: string, group = false) => (group ? `f-${name}-input` : `f-${name}`);

/**
 * All the errors of a submitted form at the top of the page, each linking to its field (GOV.UK
 * and Designers Italia pattern). portal.js moves the focus here; without JavaScript role=alert
 * makes screen readers announce it.
 */
export function ErrorSummary({
  title,
  errors,
}: {
  title: string;
  errors: readonly { anchor: string; message: string }[];
}) {
  if (errors.length === 0) return null;
  return (
    <div class="alert alert-danger" role="alert" id="error-summary" tabindex={-1} aria-labelledby="error-summary-title">
      <h2 class="h5" id="error-summary-title">
        {title}
      </h2>
      <ul class="mb-0">
        {errors.map((e) => (
          <li key={e.anchor}>
            <a href={`#${e.anchor}`}>{e.message}</a>
          </li>
        ))}
      </ul>
    </div>
  );
}
