/**
 * dkfds' icon sprite (all-svg-icons.svg, 53 kB, 158 icons) cut down to the icons the templates
 * use: every `all-svg-icons.svg#name` in views/, plus the message tones that message.njk
 * picks at run time (`#{{ tone }}`, the MessageTone values in shared/i18n.ts).
 */
const TONE_ICONS = ['success', 'info', 'warning', 'error'];

/** The icon names a set of templates refers to by a literal `all-svg-icons.svg#name`. */
export function iconsNamedIn(templates: string[]): string[] {
  const names = new Set(TONE_ICONS);
  for (const template of templates) {
    for (const match of template.matchAll(/all-svg-icons\.svg(?:'\)\s*\}\})?#([a-z0-9-]+)/g)) names.add(match[1]!);
  }
  return [...names].sort();
}

/** The sprite with only these symbols; fails on a name the sprite lacks, so a typo shows in tests. */
export function spriteWith(sprite: string, names: string[]): string {
  const symbols = new Map([...sprite.matchAll(/<symbol id="([^"]+)"[\s\S]*?<\/symbol>/g)].map((match) => [match[1]!, match[0]]));
  const missing = names.filter((name) => !symbols.has(name));
  if (missing.length > 0) throw new Error(`dkfds' icon sprite has no ${missing.join(', ')}`);
  return `<svg xmlns="http://www.w3.org/2000/svg">${names.map((name) => symbols.get(name)).join('')}</svg>`;
}
