/**
 * The IBM Plex Sans faces Pejling's pages use, in place of dkfds' own @font-face rules (which
 * name all weights, italics and EOT/TTF/WOFF files, EOT first, so Chromium fetched it too).
 * dkfds ships Plex split by script; a page downloads a split only when it shows a character in
 * its unicode-range, so a Danish or English page needs Latin1 alone. Weights: the purged CSS sets
 * 400, 600 and 700 (and 500 on two rules, which fall back to 400), and italic only at 400.
 */

/** unicode-range of each split, as IBM publishes them with Plex (ibm-plex.css). */
const RANGES = {
  // Arrows, ≈, ≤ and the like (e.g. "Udskriv → Gem som PDF").
  Pi: 'U+0E3F, U+2032-2033, U+2070, U+2075-2079, U+2080-2081, U+2083, U+2085-2089, U+2113, U+2116, U+2126, U+212E, U+2150-2151, U+2153-215E, U+2190-2199, U+21A9-21AA, U+21B0-21B3, U+21B6-21B7, U+21BA-21BB, U+21C4, U+21C6, U+2202, U+2206, U+220F, U+2211, U+2215, U+221A, U+221E, U+222B, U+2248, U+2260, U+2264-2265, U+25CA, U+2713, U+274C, U+2B0E-2B11, U+EBE1-EBE7, U+ECE0, U+EFCC',
  Latin2: 'U+0100-024F, U+0259, U+1E00-1EFF, U+20A0-20AB, U+20AD-20CF, U+2C60-2C7F, U+A720-A7FF, U+FB01-FB02',
  // Last: where ranges overlap, the face declared last wins (CSS Fonts 4, §4.5).
  Latin1: 'U+0000, U+000D, U+0020-007E, U+00A0-00A3, U+00A4-00FF, U+0131, U+0152-0153, U+02C6, U+02DA, U+02DC, U+2013-2014, U+2018-201A, U+201C-201E, U+2020-2022, U+2026, U+2030, U+2039-203A, U+2044, U+2074, U+20AC, U+2122, U+2212, U+FB01-FB02',
} as const;

const FACES: { file: string; weight: number; style: 'normal' | 'italic' }[] = [
  { file: 'Regular', weight: 400, style: 'normal' },
  { file: 'Italic', weight: 400, style: 'italic' },
  { file: 'SemiBold', weight: 600, style: 'normal' },
  { file: 'Bold', weight: 700, style: 'normal' },
];

/** The font files, relative to dkfds' dist/ folder. */
export function fontFiles(): string[] {
  return FACES.flatMap((face) => Object.keys(RANGES).map((split) => `fonts/IBMPlexSans/split/woff2/IBMPlexSans-${face.file}-${split}.woff2`));
}

/** The @font-face rules, each font file's URL from `urlOf` (its path as fontFiles gives it). */
export function fontFaceCss(urlOf: (fontFile: string) => string): string {
  return FACES.flatMap((face) => Object.entries(RANGES).map(([split, range]) => {
    const url = urlOf(`fonts/IBMPlexSans/split/woff2/IBMPlexSans-${face.file}-${split}.woff2`);
    return `@font-face{font-display:swap;font-family:"IBM Plex Sans";font-style:${face.style};font-weight:${face.weight};src:url(${url}) format("woff2");unicode-range:${range}}`;
  })).join('\n');
}
