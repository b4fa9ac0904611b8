import type { Theme } from './themes.js';

/** Where the app serves node_modules/bootstrap-italia/dist (see mount-portal.ts). */
export const BI_PREFIX = '/assets/bootstrap-italia';
export const SPRITE = `${BI_PREFIX}/svg/sprites.svg`;

const TITILLIUM = [
  ['300', 'normal', '300'],
  ['400', 'normal', 'regular'],
  ['400', 'italic', 'italic'],
  ['600', 'normal', '600'],
  ['700', 'normal', '700'],
] as const;

/**
 * The text faces every page uses, fetched with the stylesheet instead of after it: the text is
 * then laid out once in its own font, not re-flowed when the font arrives (layout shift).
 */
export const PRELOADED_FONTS = (['regular', '600', '700'] as const).map(
  (file) => `${BI_PREFIX}/fonts/Titillium_Web/titillium-web-v10-latin-ext_latin-${file}.woff2`,
);

const LORA = [
  ['400', 'normal', 'regular'],
  ['400', 'italic', 'italic'],
  ['700', 'normal', '700'],
] as const;

/**
 * Titillium Web (text) and Lora (Bootstrap Italia's serif, e.g. card text) from the served fonts. Bootstrap Italia's loadFonts() injects a <style>
 * element, which a Content-Security-Policy without 'unsafe-inline' refuses; the same
 * @font-face rules as a stylesheet of our own load under the strict policy.
 */
export function fontsCss(): string {
  return TITILLIUM.map(
    ([weight, style, file]) =>
      `@font-face{font-family:'Titillium Web';font-style:${style};font-weight:${weight};font-display:swap;` +
      `src:url('${BI_PREFIX}/fonts/Titillium_Web/titillium-web-v10-latin-ext_latin-${file}.woff2') format('woff2');}`,
  )
    .concat(
      LORA.map(
        ([weight, style, file]) =>
          `@font-face{font-family:'Lora';font-style:${style};font-weight:${weight};font-display:swap;` +
          `src:url('${BI_PREFIX}/fonts/Lora/lora-v20-latin-ext_latin-${file}.woff2') format('woff2');}`,
      ),
    )
    .join('\n');
}

/** The body's colours over Bootstrap Italia's compiled blue. */
export function themeCss(t: Theme): string {
  return `:root{--bs-primary:${t.primary};--bs-primary-rgb:${t.primaryRgb};--bs-link-color:${t.primary};--bs-link-color-rgb:${t.primaryRgb};--bs-link-hover-color:${t.primaryDark};}
a{color:${t.primary}}a:hover{color:${t.primaryDark}}
.btn-primary{--bs-btn-bg:${t.primary};--bs-btn-border-color:${t.primary};--bs-btn-hover-bg:${t.primaryDark};--bs-btn-hover-border-color:${t.primaryDark};--bs-btn-active-bg:${t.primaryDark};--bs-btn-active-border-color:${t.primaryDark};--bs-btn-disabled-bg:${t.primary};--bs-btn-disabled-border-color:${t.primary}}
.btn-outline-primary{--bs-btn-color:${t.primary};--bs-btn-border-color:${t.primary};--bs-btn-hover-bg:${t.primary};--bs-btn-hover-border-color:${t.primary};color:${t.primary};box-shadow:inset 0 0 0 2px ${t.primary}}
.it-header-slim-wrapper{background:${t.primaryDark}}
.it-header-center-wrapper{background:${t.primary}}
.it-footer-main{background:${t.primaryDark}}
.text-primary{color:${t.primary}!important}.bg-primary{background-color:${t.primary}!important}
.read-more,.read-more:hover{color:${t.primary}}.icon-primary{fill:${t.primary}!important}
.form-check [type=radio]:checked+label::after{border-color:${t.primary};background-color:${t.primary}}
.form-check [type=checkbox]:checked+label::after{border-color:${t.primary};background-color:${t.primary}}
.portal-lang a[aria-current="true"]{font-weight:700;text-decoration:underline}
.portal-rule-pass{border-left:4px solid #008055}.portal-rule-fail{border-left:4px solid #cc334d}.portal-rule-review{border-left:4px solid #995c00}
.portal-main{min-height:50vh}.portal-main form{margin-top:2rem}
.portal-dropzone{border:2px dashed ${t.primary};border-radius:4px;padding:1.5rem 1rem;margin-bottom:.5rem;text-align:center;color:#1a1a1a;background:#f5f7f9}
.portal-dropzone.portal-dropzone-over{background:#e6ecf2;border-style:solid}
.it-header-slim-right-zone .btn-primary{background:${t.primary}!important;border-color:${t.primary}!important}`;
}

/**
 * The portal's only script (progressive enhancement; every page works without it): focus the
 * error summary, and warn before the idle timeout ends the session.
 */
export const PORTAL_JS = `(function () {
  'use strict';
  var summary = document.getElementById('error-summary');
  if (summary) summary.focus();
  var warning = document.getElementById('idle-warning');
  var seconds = Number(document.body.getAttribute('data-idle-seconds'));
  if (warning && seconds > 0) {
    var lead = Math.min(120, Math.floor(seconds / 2));
    setTimeout(function () { warning.hidden = false; }, (seconds - lead) * 1000);
  }
})();
`;

/**
 * The verification page's script: the link carries its token in the fragment, which the browser
 * never sends; this moves it into the page's form field, drops it from the address bar and
 * history, and submits the form (a POST, so the token reaches no URL or access log). Without
 * JavaScript the person pastes the link or code into the same field.
 */
export const VERIFY_EMAIL_JS = `(function () {
  'use strict';
  var match = /^#token=([A-Za-z0-9_-]{43})$/.exec(window.location.hash);
  var form = document.getElementById('verify-form');
  var field = document.getElementById('f-code');
  if (!match || !form || !field) return;
  history.replaceState(null, '', window.location.pathname);
  field.value = match[1];
  form.submit();
})();
`;

/**
 * Drag and drop for the documents' file inputs (progressive enhancement: the input stays, and
 * is what a person without JavaScript or without a mouse uses). Each input marked data-dropzone
 * gets a zone before it; a dropped file is checked against the input's accepted types and the
 * size bound the server applies, explained beside the input if refused, else put into the
 * input and its form submitted as a person would. The texts come from the page, in its language.
 */
export const UPLOAD_JS = `(function () {
  'use strict';
  var inputs = document.querySelectorAll('input[type=file][data-dropzone]');
  Array.prototype.forEach.call(inputs, function (input) {
    var zone = document.createElement('div');
    zone.className = 'portal-dropzone';
    zone.setAttribute('aria-hidden', 'true');
    zone.textContent = input.getAttribute('data-dropzone');
    input.parentNode.insertBefore(zone, input);
    var error = document.createElement('div');
    error.id = input.id + '-drop-error';
    error.className = 'invalid-feedback d-block';
    error.setAttribute('role', 'alert');
    error.hidden = true;
    input.parentNode.appendChild(error);
    var accepted = (input.getAttribute('accept') || '').split(',').filter(Boolean);
    var maxBytes = Number(input.getAttribute('data-max-bytes'));
    function refuse(text) {
      error.textContent = text;
      error.hidden = false;
      input.setAttribute('aria-invalid', 'true');
      var described = (input.getAttribute('aria-describedby') || '').split(' ');
      if (described.indexOf(error.id) < 0) input.setAttribute('aria-describedby', described.concat(error.id).join(' ').trim());
    }
    function over(on) { zone.classList.toggle('portal-dropzone-over', on); }
    zone.addEventListener('dragover', function (e) { e.preventDefault(); over(true); });
    zone.addEventListener('dragleave', function () { over(false); });
    zone.addEventListener('drop', function (e) {
      e.preventDefault();
      over(false);
      var files = e.dataTransfer && e.dataTransfer.files;
      if (!files || files.length !== 1) return refuse(input.getAttribute('data-error-one'));
      var file = files[0];
      if (accepted.length && accepted.indexOf(file.type) < 0) return refuse(input.getAttribute('data-error-type'));
      if (maxBytes > 0 && file.size > maxBytes) return refuse(input.getAttribute('data-error-size'));
      input.files = files;
      input.form.submit();
    });
  });
})();
`;
