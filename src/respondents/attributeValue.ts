/**
 * One meaning of a segment value (analysis.md, "Anonymity"): a respondent attribute (municipality,
 * team, group, role) is stored in one normal form, so that a filter names exactly one stored value
 * and no database collation can widen it. Used by the import, every edit, the project's units and
 * groups, and the migration that normalised the values stored before.
 */

export const NORMALISED_ATTRIBUTES = ['municipality', 'team', 'group', 'role'] as const;
export type NormalisedAttribute = (typeof NORMALISED_ATTRIBUTES)[number];

/**
 * Trim, collapse every run of white space (tabs, no-break spaces, line breaks …) to one space,
 * and compose to Unicode NFC: a decomposed "Bøgelund" from a Mac and a composed one from Windows
 * become the same string. White space first: NFC maps some spaces (U+2000) to other spaces.
 */
export function normaliseAttributeValue(value: string): string {
  return value.replace(/\s+/gu, ' ').trim().normalize('NFC');
}

/**
 * The key under which values that differ only in case are one value ("T1", "t1", "T1 "). Upper
 * then lower case folds the letters whose lower case has no single upper partner (ß → SS → ss,
 * ſ → S → s); NFC again since case mapping can decompose (ǰ → J + caron).
 */
export function caseKey(value: string): string {
  return normaliseAttributeValue(value).toUpperCase().toLowerCase().normalize('NFC');
}

/** Where the spelling a value was written as comes from, for the import preview. */
export type SpellingOrigin = { kind: 'stored' } | { kind: 'line'; line: number };

/**
 * The spelling each value has in one project, per attribute: the first one met wins, and every
 * later value that differs from it only in case, spacing or Unicode form is written as it.
 * Feed it the stored values first (in id order), then the new ones in the order they come.
 */
export class ProjectSpellings {
  private readonly spellings = new Map<string, { spelling: string; origin: SpellingOrigin }>();

  /** Register a stored value (normalised); an earlier spelling of the same value wins. */
  remember(attribute: NormalisedAttribute, value: string | null | undefined, origin: SpellingOrigin = { kind: 'stored' }): void {
    if (value === null || value === undefined) return;
    const normalised = normaliseAttributeValue(value);
    if (normalised === '') return;
    const key = `${attribute}\u0000${caseKey(normalised)}`;
    if (!this.spellings.has(key)) this.spellings.set(key, { spelling: normalised, origin });
  }

  /** The known spelling of this value, if any. */
  known(attribute: NormalisedAttribute, value: string): { spelling: string; origin: SpellingOrigin } | undefined {
    return this.spellings.get(`${attribute}\u0000${caseKey(value)}`);
  }

  /** The spelling to store for a value: the known one, or the value itself (normalised), remembered from now on. */
  spell(attribute: NormalisedAttribute, value: string, origin: SpellingOrigin = { kind: 'stored' }): string {
    this.remember(attribute, value, origin);
    return this.known(attribute, value)?.spelling ?? normaliseAttributeValue(value);
  }
}
