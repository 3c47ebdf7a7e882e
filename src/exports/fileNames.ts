import type { Response } from 'express';
import { DateTime } from 'luxon';

const DANISH_LETTERS: Record<string, string> = { æ: 'ae', ø: 'oe', å: 'aa', Æ: 'Ae', Ø: 'Oe', Å: 'Aa' };

/**
 * A piece of a file name that every system accepts: æøå written out (ae, oe, aa), other accents
 * dropped, anything else but letters and digits turned into single hyphens.
 */
export function asciiSlug(text: string, maxLength = 60): string {
  const slug = text
    .replace(/[æøåÆØÅ]/g, (letter) => DANISH_LETTERS[letter]!)
    .normalize('NFKD').replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
  return slug.slice(0, maxLength).replace(/-+$/, '') || 'x';
}

/**
 * `pejling-<project>-<round labels>-<what>-<Danish date>.<extension>`, e.g.
 * `pejling-hir-aarhus-START-END-paired-2026-12-05.xlsx`: a downloaded file says where it came from.
 */
export function exportFileName(input: { project: string; rounds?: string[]; what: string; extension: string; at: Date }): string {
  const date = DateTime.fromJSDate(input.at).setZone('Europe/Copenhagen').toISODate();
  const parts = ['pejling', asciiSlug(input.project).toLowerCase(), ...(input.rounds ?? []).map((label) => asciiSlug(label, 30)), input.what, date];
  return `${parts.join('-')}.${input.extension}`;
}

/** Content-Disposition with the name both plain and as RFC 5987 `filename*` (UTF-8), which some browsers prefer. */
export function setAttachment(res: Response, filename: string): void {
  res.set('Content-Disposition', `attachment; filename="${filename.replace(/["\\]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(filename)}`);
}
