/*
 * Colours shared by every chart, so one answer means one colour everywhere: "ved ikke" is the
 * same grey on every chart, an agreement scale diverges red–blue (ColorBrewer RdBu, colour-blind
 * safe) around a light grey neutral with a dark border (visible on white), other ordered scales
 * run light to dark blue, and unordered categories get distinct colour-blind-safe hues.
 */
export const DONT_KNOW = '#8c8c8c';
export const NEUTRAL = '#dcdcdc';
export const NEUTRAL_BORDER = '#5c5c5c';
export const SEGMENT_BORDER = '#ffffff';
export const ROUND_COLOURS = ['#9ecae1', '#08519c'];
export const WHISKER = '#1a1a1a';

const RDBU = {
  2: ['#ca0020', '#0571b0'],
  3: ['#ca0020', NEUTRAL, '#0571b0'],
  4: ['#ca0020', '#f4a582', '#92c5de', '#0571b0'],
  5: ['#ca0020', '#f4a582', NEUTRAL, '#92c5de', '#0571b0'],
  6: ['#b2182b', '#ef8a62', '#fddbc7', '#d1e5f0', '#67a9cf', '#2166ac'],
  7: ['#b2182b', '#ef8a62', '#fddbc7', NEUTRAL, '#d1e5f0', '#67a9cf', '#2166ac'],
};
const BLUES = ['#deebf7', '#c6dbef', '#9ecae1', '#6baed6', '#4292c6', '#2171b5', '#08519c', '#08306b'];
const HUES = ['#0072b2', '#e69f00', '#009e73', '#cc79a7', '#56b4e9', '#d55e00', '#f0e442'];

/** Colours for `count` ordered categories from most negative to most positive. */
export function diverging(count) {
  return RDBU[count] || sequential(count);
}

/** Colours for `count` ordered categories from least to most (light to dark). */
export function sequential(count) {
  if (count <= 1) return [BLUES[5]];
  return Array.from({ length: count }, (_, i) => BLUES[Math.round(1 + (i * (BLUES.length - 2)) / (count - 1))]);
}

/** Distinct colours for `count` unordered categories. */
export function qualitative(count) {
  return Array.from({ length: count }, (_, i) => HUES[i % HUES.length]);
}

/**
 * A colour per answer code of a scale ({ ordered, options: [{ code, label, dontKnow }] }):
 * ordered scales by code (higher code = more), "ved ikke" always DONT_KNOW.
 */
export function coloursOfScale(scale, kind) {
  const substantive = scale.options.filter((o) => !o.dontKnow);
  const byCode = substantive.slice().sort((a, b) => a.code - b.code);
  const palette = !scale.ordered ? qualitative(substantive.length) : kind === 'diverging' ? diverging(substantive.length) : sequential(substantive.length);
  const colours = {};
  (scale.ordered ? byCode : substantive).forEach((o, i) => { colours[o.code] = palette[i]; });
  scale.options.filter((o) => o.dontKnow).forEach((o) => { colours[o.code] = DONT_KNOW; });
  return colours;
}

function luminance(hex) {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((c) => (c <= 0.03928 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4)));
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** The border of a segment: dark around a light colour (else it vanishes on white), white between darker ones. */
export function borderOf(colour) {
  return luminance(colour) > 0.6 ? NEUTRAL_BORDER : SEGMENT_BORDER;
}
