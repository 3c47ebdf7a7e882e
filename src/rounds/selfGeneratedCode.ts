import type { Language } from '../questionnaires/types.js';

/**
 * The self-generated code of an anonymous open link: stable facts a person answers the same way
 * each round, and nobody else can look up (analysis.md, "Pairing repeat respondents"). Which facts
 * is a project setting; the code lists them in the catalogue's order, so the four elements of
 * before still give the codes of before ("K-07-2-S").
 */
export const SELF_CODE_ELEMENTS = ['motherInitial', 'fatherInitial', 'birthDay', 'birthMonth', 'olderSiblings', 'streetInitial'] as const;
export type SelfCodeElement = (typeof SELF_CODE_ELEMENTS)[number];

/**
 * The default: the four elements of before plus birth month. Chosen from the simulation in
 * test/unit/analysis/selfCodePairingSimulation.test.ts (README, "Anonymous open link").
 */
export const DEFAULT_SELF_CODE_ELEMENTS: readonly SelfCodeElement[] = ['motherInitial', 'birthDay', 'birthMonth', 'olderSiblings', 'streetInitial'];
/** With one mismatched element allowed when pairing, fewer than three would pair almost anyone. */
export const MIN_SELF_CODE_ELEMENTS = 3;

export type SelfCodeInput = Partial<Record<SelfCodeElement, string>>;

const LETTER = /^\p{L}$/u;

interface ElementRule {
  kind: 'letter' | 'number' | 'month';
  min?: number;
  max?: number;
  /** Width of the number in the code (zero-padded). */
  width?: number;
}

const rules: Record<SelfCodeElement, ElementRule> = {
  motherInitial: { kind: 'letter' },
  fatherInitial: { kind: 'letter' },
  birthDay: { kind: 'number', min: 1, max: 31, width: 2 },
  birthMonth: { kind: 'month', min: 1, max: 12, width: 2 },
  olderSiblings: { kind: 'number', min: 0, max: 9, width: 1 },
  streetInitial: { kind: 'letter' },
};

const labels: Record<Language, Record<SelfCodeElement, { label: string; hint: string; error: string }>> = {
  da: {
    motherInitial: { label: 'Første bogstav i din mors fornavn', hint: '', error: 'Skriv ét bogstav.' },
    fatherInitial: { label: 'Første bogstav i din fars fornavn', hint: '', error: 'Skriv ét bogstav.' },
    birthDay: { label: 'Den dag i måneden, du er født', hint: 'Fx 7', error: 'Skriv en dag fra 1 til 31.' },
    birthMonth: { label: 'Den måned, du er født', hint: '', error: 'Vælg en måned.' },
    olderSiblings: { label: 'Antal ældre søskende', hint: '0–9', error: 'Skriv et tal fra 0 til 9.' },
    streetInitial: { label: 'Første bogstav i den vej, du voksede op på', hint: '', error: 'Skriv ét bogstav.' },
  },
  en: {
    motherInitial: { label: 'First letter of your mother\'s first name', hint: '', error: 'Enter one letter.' },
    fatherInitial: { label: 'First letter of your father\'s first name', hint: '', error: 'Enter one letter.' },
    birthDay: { label: 'The day of the month you were born', hint: 'For example 7', error: 'Enter a day from 1 to 31.' },
    birthMonth: { label: 'The month you were born', hint: '', error: 'Choose a month.' },
    olderSiblings: { label: 'Number of older siblings', hint: '0–9', error: 'Enter a number from 0 to 9.' },
    streetInitial: { label: 'First letter of the street you grew up on', hint: '', error: 'Enter one letter.' },
  },
};

const monthNames: Record<Language, string[]> = {
  da: ['januar', 'februar', 'marts', 'april', 'maj', 'juni', 'juli', 'august', 'september', 'oktober', 'november', 'december'],
  en: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
};

/** The project's elements (stored as JSON), in the catalogue's order. */
export function selfCodeElementsOf(project: { selfCodeElements: string }): SelfCodeElement[] {
  const stored = JSON.parse(project.selfCodeElements) as string[];
  return SELF_CODE_ELEMENTS.filter((element) => stored.includes(element));
}

export interface SelfCodeField {
  name: SelfCodeElement;
  label: string;
  hint: string;
  inputMode: 'text' | 'numeric';
  /** A month is chosen from a list rather than typed. */
  options?: { value: string; label: string }[];
}

/** The fields of the code page, in the language of the page. */
export function selfCodeFields(elements: SelfCodeElement[], language: Language): SelfCodeField[] {
  return elements.map((name) => {
    const rule = rules[name];
    const text = labels[language][name];
    return {
      name, label: text.label, hint: text.hint, inputMode: rule.kind === 'letter' ? 'text' : 'numeric',
      ...(rule.kind === 'month' ? { options: monthNames[language].map((label, i) => ({ value: String(i + 1), label })) } : {}),
    };
  });
}

/** One element's normalised part of the code, or undefined when the answer is not valid. */
function codePart(element: SelfCodeElement, raw: string | undefined): string | undefined {
  const rule = rules[element];
  const value = (raw ?? '').trim();
  if (rule.kind === 'letter') {
    const letter = value.normalize('NFC').toLocaleUpperCase('da-DK');
    return LETTER.test(letter) ? letter : undefined;
  }
  if (!/^\d{1,2}$/.test(value) || Number(value) < rule.min! || Number(value) > rule.max!) return undefined;
  return String(Number(value)).padStart(rule.width!, '0');
}

/** The normalised code (e.g. "K-07-03-2-S"), or the problems per field. */
export function selfGeneratedCode(elements: SelfCodeElement[], input: SelfCodeInput, language: Language): { code: string } | { errors: Partial<Record<SelfCodeElement, string>> } {
  const errors: Partial<Record<SelfCodeElement, string>> = {};
  const parts: string[] = [];
  for (const element of elements) {
    const part = codePart(element, typeof input[element] === 'string' ? input[element] : undefined);
    if (part === undefined) errors[element] = labels[language][element].error;
    else parts.push(part);
  }
  if (Object.keys(errors).length > 0) return { errors };
  return { code: parts.join('-') };
}
