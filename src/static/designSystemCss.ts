/**
 * dkfds.min.css (215 kB) cut down to the rules whose selectors can match Pejling's markup, with
 * PurgeCSS: it keeps a rule when every class, id and element in its selector occurs as a word in
 * the templates or the front-end scripts (which add classes at run time). Classes that only
 * exist once a template fills in a variable are safelisted here.
 */
const SAFELIST = [
  /^alert-(success|info|warning|error)$/, // admin/layout.njk and message.njk: alert-{{ tone }}
];

export interface PurgeInput {
  /** dkfds.min.css as shipped. */
  css: string;
  /** The text of every template and front-end script, whose words decide what stays. */
  content: { text: string; extension: string }[];
  /** The hashed URL of a file dkfds' CSS refers to, by its path relative to dkfds' dist/. */
  urlOf: (distPath: string) => string;
  /** The @font-face rules that replace dkfds' own. */
  fontFaces: string;
}

export async function purgedDesignSystemCss(input: PurgeInput): Promise<string> {
  // A development dependency: a production install uses the file `npm run build` purged (assetStore.ts).
  const { PurgeCSS } = await import('purgecss');
  const [result] = await new PurgeCSS().purge({
    css: [{ raw: input.css }],
    content: input.content.map(({ text, extension }) => ({ raw: text, extension })),
    safelist: { standard: SAFELIST },
    keyframes: true,
  });
  const purged = result!.css
    // dkfds' Plex faces give way to fontFaces; its "system" face (local fonts only) stays.
    .replace(/@font-face\s*\{[^}]*IBM Plex Sans[^}]*\}/g, '')
    .replace(/\/\*# sourceMappingURL=[^*]*\*\//g, '')
    // Its url(../img/…) are relative to dist/css/.
    .replace(/url\((['"]?)\.\.\/([^'")]+)\1\)/g, (_whole, _quote, distPath: string) => `url(${input.urlOf(distPath)})`);
  return `${input.fontFaces}\n${purged}`;
}

/** What the purge depends on besides its input files, for the purged file's hash. */
export function purgeSettings(): string {
  return `${SAFELIST.map(String).join(',')}|${purgedDesignSystemCss.toString()}`;
}
