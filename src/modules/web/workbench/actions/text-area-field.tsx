/**
 * A labelled multi-line text (reasons, messages), built like form-controls' TextField: label
 * raised without script, hint and error tied with aria-describedby.
 */
export function TextAreaField(p: {
  name: string;
  label: string;
  id?: string;
  value?: string;
  hint?: string;
  error?: string;
  required?: boolean;
  maxLength?: number;
  lang?: string;
}) {
  const id = p.id ?? `f-${p.name}`;
  const described = [p.hint ? `${id}-hint` : null, p.error ? `${id}-error` : null].filter(Boolean).join(' ');
  return (
    // The raised label sits above the field: the top margin keeps it off the content before.
    <div class="form-group mt-5">
      <label htmlFor={id} class="active">
        {p.label}
      </label>
      <textarea
        id={id}
        name={p.name}
        rows={4}
        class={p.error ? 'form-control is-invalid' : 'form-control'}
        required={p.required}
        maxLength={p.maxLength}
        lang={p.lang}
        aria-invalid={p.error ? 'true' : undefined}
        aria-describedby={described || undefined}
      >
        {p.value ?? ''}
      </textarea>
      {p.hint ? (
        <small id={`${id}-hint`} class="form-text">
          {p.hint}
        </small>
      ) : null}
      {p.error ? (
        <div id={`${id}-error`} class="form-feedback invalid-feedback d-block">
          {p.error}
        </div>
      ) : null}
    </div>
  );
}
