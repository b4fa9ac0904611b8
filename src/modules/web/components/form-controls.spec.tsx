import { describe, expect, it } from '@jest/globals';
import { render } from 'preact-render-to-string';
import { CheckboxField, CsrfField, ErrorSummary, RadioGroup, SelectField, TextField } from './form-controls.js';

describe('TextField', () => {
  it('labels the input and raises the label without script', () => {
    const html = render(
      <TextField name="email" label="E-mail" type="email" value="a@b.it" autocomplete="email" required />,
    );
    expect(html).toContain('<label for="f-email" class="active">E-mail</label>');
    expect(html).toMatch(
      /<input id="f-email" name="email" type="email" class="form-control" value="a@b.it" required autocomplete="email"\/?>/,
    );
    expect(html).not.toContain('aria-describedby');
  });

  it('ties hint and error to the input with aria-describedby and marks it invalid', () => {
    const html = render(
      <TextField
        name="password"
        label="Password"
        type="password"
        value="secret"
        hint="Almeno 12 caratteri"
        error="Troppo corta"
      />,
    );
    expect(html).toContain('aria-describedby="f-password-hint f-password-error"');
    expect(html).toContain('aria-invalid="true"');
    expect(html).toContain('class="form-control is-invalid"');
    expect(html).toContain('<small id="f-password-hint" class="form-text">Almeno 12 caratteri</small>');
    expect(html).toContain('id="f-password-error"');
    // A password is never sent back to the browser.
    expect(html).not.toContain('secret');
  });

  it('escapes what it is given', () => {
    const html = render(<TextField name="q" label={'<b>x</b>'} value={'"><script>alert(1)</script>'} />);
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;b>x&lt;/b>');
    expect(html).toContain('value="&quot;>&lt;script>alert(1)&lt;/script>"');
  });
});

describe('RadioGroup', () => {
  it('is a fieldset whose legend is the question, each option with its label', () => {
    const html = render(
      <RadioGroup
        name="relation"
        legend="Chi presenta?"
        value="parent"
        error="Scegli"
        options={[
          { value: 'parent', label: 'Genitore' },
          { value: 'guardian', label: 'Tutore' },
        ]}
      />,
    );
    expect(html).toMatch(
      /^<fieldset class="form-group" id="f-relation" aria-describedby="f-relation-error"><legend class="h6">Chi presenta\?<\/legend>/,
    );
    expect(html).toContain(
      '<input class="form-check-input is-invalid" type="radio" id="f-relation-input" name="relation" value="parent" checked/>',
    );
    expect(html).toContain('<label class="form-check-label" for="f-relation-input">Genitore</label>');
    expect(html).toContain('<label class="form-check-label" for="f-relation-1">Tutore</label>');
  });
});

describe('SelectField', () => {
  it('labels the select and selects the given value', () => {
    const html = render(
      <SelectField
        name="t"
        legend="Tipo"
        placeholder="Scegli"
        value="b"
        options={[
          { value: 'a', label: 'A' },
          { value: 'b', label: 'B' },
        ]}
      />,
    );
    expect(html).toContain('<label for="f-t">Tipo</label>');
    expect(html).toContain('<option value="b" selected>B</option>');
    expect(html).toContain('<option value>Scegli</option>');
  });
});

describe('CheckboxField and CsrfField', () => {
  it('renders a labelled checkbox', () => {
    const html = render(<CheckboxField name="consent" label="Acconsento" checked />);
    expect(html).toContain(
      '<input id="f-consent" name="consent" type="checkbox" value="true" class="form-check-input" checked/>',
    );
    expect(html).toContain('<label for="f-consent" class="form-check-label">Acconsento</label>');
  });
  it('posts the token in a hidden field', () => {
    expect(render(<CsrfField token="abc" />)).toBe('<input type="hidden" name="_csrf" value="abc"/>');
  });
});

describe('ErrorSummary', () => {
  it('renders nothing without errors', () => expect(render(<ErrorSummary title="Errori" errors={[]} />)).toBe(''));
  it('lists every error linking to its field', () => {
    const html = render(
      <ErrorSummary title="Correggi" errors={[{ anchor: 'f-email', message: 'E-mail non valida' }]} />,
    );
    expect(html).toContain('role="alert"');
    expect(html).toContain('aria-labelledby="error-summary-title"');
    expect(html).toContain('<li><a href="#f-email">E-mail non valida</a></li>');
  });
});
