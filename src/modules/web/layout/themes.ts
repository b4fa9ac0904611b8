/**
 * The colours a body brands the portal with. Bootstrap Italia's compiled CSS has the Italian
 * blue baked in; theme.css (see assets.ts) overrides its custom properties and the few
 * components that matter here. Every primary colour keeps at least 4.5:1 against white text.
 */
export interface Theme {
  readonly bodyName: string;
  /** Primary (buttons, links, header). */
  readonly primary: string;
  /** Darker shade: hover, the slim header. */
  readonly primaryDark: string;
  /** "r, g, b" of primary, for Bootstrap's rgba() utilities. */
  readonly primaryRgb: string;
}

export const THEMES = {
  /** Regione Lombardia's green (bootstrap-lombardia). */
  lombardia: { bodyName: 'Regione Lombardia', primary: '#297a38', primaryDark: '#1e5c2a', primaryRgb: '41, 122, 56' },
  /** Bootstrap Italia's own blue, for any other body. */
  italia: { bodyName: 'Ente', primary: '#0066cc', primaryDark: '#004d99', primaryRgb: '0, 102, 204' },
} as const satisfies Record<string, Theme>;

export type ThemeName = keyof typeof THEMES;
