/**
 * Just enough HTML parsing to check our own templates' output (well-formed, double-quoted
 * attributes): a tree of elements with attributes and text. Not a general HTML parser.
 */
export interface HtmlElement {
  tag: string;
  attrs: Record<string, string>;
  children: HtmlElement[];
  parent?: HtmlElement;
  text: string;
}

const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr']);
const RAW_TEXT = new Set(['script', 'style', 'textarea', 'title']);

function decode(text: string): string {
  return text.replace(/&(#\d+|#x[0-9a-f]+|amp|lt|gt|quot|#39);/gi, (_, entity: string) => {
    if (entity[0] === '#') return String.fromCodePoint(entity[1] === 'x' || entity[1] === 'X' ? parseInt(entity.slice(2), 16) : Number(entity.slice(1)));
    return ({ amp: '&', lt: '<', gt: '>', quot: '"' } as Record<string, string>)[entity.toLowerCase()] ?? '';
  });
}

function parseAttrs(source: string): Record<string, string> {
  const attrs: Record<string, string> = {};
  for (const match of source.matchAll(/([^\s=/>]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/g)) {
    attrs[match[1]!.toLowerCase()] = decode(match[2] ?? match[3] ?? match[4] ?? '');
  }
  return attrs;
}

export function parseHtml(html: string): HtmlElement {
  const root: HtmlElement = { tag: '#root', attrs: {}, children: [], text: '' };
  let current = root;
  const tagPattern = /<!--[\s\S]*?-->|<!doctype[^>]*>|<(\/?)([a-zA-Z][a-zA-Z0-9-]*)((?:"[^"]*"|'[^']*'|[^'">])*)>/gi;
  let last = 0;
  let match: RegExpExecArray | null;
  const addText = (text: string): void => {
    for (let element: HtmlElement | undefined = current; element; element = element.parent) element.text += decode(text);
  };
  while ((match = tagPattern.exec(html))) {
    addText(html.slice(last, match.index));
    last = tagPattern.lastIndex;
    const [, closing, rawTag, rawAttrs] = match;
    if (!rawTag) continue;
    const tag = rawTag.toLowerCase();
    if (closing) {
      if (current.tag !== tag) throw new Error(`Unexpected </${tag}> inside <${current.tag}> at ${match.index}`);
      current = current.parent!;
      continue;
    }
    const element: HtmlElement = { tag, attrs: parseAttrs(rawAttrs ?? ''), children: [], parent: current, text: '' };
    current.children.push(element);
    if (RAW_TEXT.has(tag)) {
      const end = html.toLowerCase().indexOf(`</${tag}>`, last);
      if (end < 0) throw new Error(`Unclosed <${tag}>`);
      element.text = decode(html.slice(last, end));
      addText(html.slice(last, end));
      last = tagPattern.lastIndex = end + tag.length + 3;
      continue;
    }
    if (!VOID.has(tag) && !(rawAttrs ?? '').trim().endsWith('/')) current = element;
  }
  if (current !== root) throw new Error(`Unclosed <${current.tag}>`);
  return root;
}

export function all(root: HtmlElement, predicate: (element: HtmlElement) => boolean): HtmlElement[] {
  const found: HtmlElement[] = [];
  const visit = (element: HtmlElement): void => {
    for (const child of element.children) {
      if (predicate(child)) found.push(child);
      visit(child);
    }
  };
  visit(root);
  return found;
}

export function closest(element: HtmlElement, tag: string): HtmlElement | undefined {
  for (let candidate = element.parent; candidate; candidate = candidate.parent) if (candidate.tag === tag) return candidate;
  return undefined;
}
