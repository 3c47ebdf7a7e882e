import nunjucks from 'nunjucks';
import type { AllocationItem, Language } from '../questionnaires/types.js';
import { uiText } from '../shared/i18n.js';
import type { FormValues } from './types.js';

/**
 * The parts of a rendered question that depend on the person's answers. The questions are
 * rendered once with a marker (`\u0001<n>\u0002`) in each such place, and every request fills
 * the markers from its own values instead of running the templates again.
 */
export type Slot =
  | { kind: 'text'; name: string }
  | { kind: 'checked'; name: string; code: string }
  | { kind: 'hidden'; key: string }
  | { kind: 'sumText'; item: AllocationItem }
  | { kind: 'sumState'; item: AllocationItem };

/** Hands out markers while the view model is built in template mode. */
export class SlotRecorder {
  readonly slots: Slot[] = [];

  private mark(slot: Slot): string {
    this.slots.push(slot);
    return `\u0001${this.slots.length - 1}\u0002`;
  }

  text(name: string): string { return this.mark({ kind: 'text', name }); }
  checked(name: string, code: string): string { return this.mark({ kind: 'checked', name, code }); }
  hidden(key: string): string { return this.mark({ kind: 'hidden', key }); }
  sumText(item: AllocationItem): string { return this.mark({ kind: 'sumText', item }); }
  sumState(item: AllocationItem): string { return this.mark({ kind: 'sumState', item }); }
}

/** Rendered HTML split at its markers: `parts[0] slot[0] parts[1] slot[1] … parts[n]`, the parts encoded as UTF-8 once. */
export interface SlottedHtml {
  parts: Buffer[];
  slots: Slot[];
}

export function splitAtSlots(html: string, recorded: Slot[]): SlottedHtml {
  const pieces = html.split(/\u0001(\d+)\u0002/);
  const parts: Buffer[] = [];
  const slots: Slot[] = [];
  pieces.forEach((piece, index) => {
    if (index % 2 === 0) parts.push(Buffer.from(piece));
    else slots.push(recorded[Number(piece)]!);
  });
  return { parts, slots };
}

/** Danish decimals use a comma; anything else that is not a number adds nothing to a sum. */
export function parseNumber(raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const trimmed = raw.trim().replace(/\s/g, '').replace(',', '.');
  return /^-?\d+(\.\d+)?$/.test(trimmed) ? Number(trimmed) : undefined;
}

// Built once: toLocaleString builds a formatter on every call, which showed in the form's profile.
const numberFormats: Record<Language, Intl.NumberFormat> = {
  da: new Intl.NumberFormat('da-DK', { maximumFractionDigits: 2 }),
  en: new Intl.NumberFormat('en-GB', { maximumFractionDigits: 2 }),
};

export function formatNumber(value: number, language: Language): string {
  return numberFormats[language].format(value);
}

/**
 * The allocation's sum line as the server states it: "40 af 100 – mangler 60", the same text
 * form.js writes live, so without JavaScript the line is right after every save or submit.
 */
export function allocationSum(item: AllocationItem, values: FormValues, language: Language): { text: string; state: 'match' | 'mismatch' | 'empty' } {
  const ui = uiText(language).form;
  let sum = 0;
  let anyEntered = false;
  for (const category of item.categories) {
    const raw = values[`${item.id}.${category.id}`];
    if (raw !== undefined && raw.trim() !== '') anyEntered = true;
    sum += parseNumber(raw) ?? 0;
  }
  const difference = Math.round((item.total - sum) * 100) / 100;
  const status = difference === 0 ? ui.sumMatches : difference > 0 ? ui.sumMissing(formatNumber(difference, language)) : ui.sumTooMuch(formatNumber(-difference, language));
  return {
    text: `${formatNumber(sum, language)} ${ui.sumOf} ${formatNumber(item.total, language)} – ${status}`,
    state: difference === 0 ? 'match' : anyEntered ? 'mismatch' : 'empty',
  };
}

export interface SlotValues {
  values: FormValues;
  /** Keys of the items the values hide (see hiddenItems in formView.ts). */
  hidden: Set<string>;
  language: Language;
}

/** nunjucks' own autoescape, so a filled value is byte-for-byte what the template would print (not in its types). */
const escapeHtml = (nunjucks as unknown as { lib: { escape(text: string): string } }).lib.escape;

/** Exactly what the templates print for the same view (`flag` filter, autoescape). */
function fillSlot(slot: Slot, input: SlotValues): string {
  switch (slot.kind) {
    case 'text': return escapeHtml(input.values[slot.name] ?? '');
    case 'checked': { const value = (input.values[slot.name] ?? '').trim(); return value !== '' && value === slot.code ? ' checked' : ''; }
    case 'hidden': return input.hidden.has(slot.key) ? ' hidden' : '';
    case 'sumText': return escapeHtml(allocationSum(slot.item, input.values, input.language).text);
    case 'sumState': return allocationSum(slot.item, input.values, input.language).state;
  }
}

const NOTHING = Buffer.alloc(0);
const FLAGS: Record<string, Buffer> = { '': NOTHING, ' checked': Buffer.from(' checked'), ' hidden': Buffer.from(' hidden') };

/**
 * Appends the filled question to `out` as UTF-8. The page is sent as bytes: encoding its ≈ 75 kB
 * of text per request (two-byte in V8, for its – and „ “) was a sixth of the page's CPU in its profile.
 */
export function fillSlotsInto(out: Buffer[], template: SlottedHtml, input: SlotValues): void {
  out.push(template.parts[0]!);
  for (let index = 0; index < template.slots.length; index++) {
    const filled = fillSlot(template.slots[index]!, input);
    out.push(FLAGS[filled] ?? Buffer.from(filled), template.parts[index + 1]!);
  }
}
