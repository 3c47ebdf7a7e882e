/* Measuring and wrapping text on a canvas, and the dashboard's number formats. */

/** Break `text` into lines no wider than `width` pixels in `font` (a CSS font string); never cut. */
export function wrapText(ctx, font, text, width) {
  ctx.save();
  ctx.font = font;
  const lines = [];
  let line = '';
  String(text).split(/\s+/).filter(Boolean).forEach((word) => {
    const candidate = line ? line + ' ' + word : word;
    if (line && ctx.measureText(candidate).width > width) {
      lines.push(line);
      line = word;
    } else {
      line = candidate;
    }
  });
  if (line) lines.push(line);
  ctx.restore();
  return lines.length ? lines : [''];
}

/** Lines of at most `size` characters, for tooltips (which do not wrap by themselves). */
export function wrapChars(text, size) {
  const lines = [];
  let line = '';
  String(text).split(/\s+/).filter(Boolean).forEach((word) => {
    if (line && (line + ' ' + word).length > size) { lines.push(line); line = word; } else line = line ? line + ' ' + word : word;
  });
  if (line) lines.push(line);
  return lines;
}

// One formatter per language: toLocaleString builds a new one on every call, and the charts
// format thousands of ticks, labels and tooltips while they draw.
const wholeNumbers = { da: new Intl.NumberFormat('da-DK', { maximumFractionDigits: 0 }), en: new Intl.NumberFormat('en-GB', { maximumFractionDigits: 0 }) };

export function percent(value, lang) {
  return wholeNumbers[lang === 'en' ? 'en' : 'da'].format(Math.round(Math.abs(value))) + ' %';
}
