import type { Language } from '../questionnaires/types.js';
import { formatCopenhagenDate, formatCopenhagenTime } from '../shared/copenhagenTime.js';

/** The report's selection: what the printed figures are for. */
export interface ReportSelection {
  project: { name: string; anonymityK: number };
  baseline: ReportRound;
  followUp: ReportRound;
  paired: boolean;
  excludeDontKnow: boolean;
  /** The filters chosen, by attribute, in the order the dashboard shows them. */
  filter: Partial<Record<'municipality' | 'team' | 'group' | 'role', string[]>>;
  n?: { baseline: number; followUp: number; paired: number };
  madeAt: Date;
}

interface ReportRound {
  label: string;
  opensAt: Date | null;
  closesAt: Date | null;
}

export interface ReportCover {
  rows: { label: string; value: string }[];
  /** One line for the top of every printed page: project, rounds, filters. */
  runningHeader: string;
  pageNumber: { before: string; between: string };
}

const words = {
  da: {
    project: 'Projekt', baseline: 'Før', followUp: 'Efter', filters: 'Filtre', none: 'alle (ingen filtre)', who: 'Hvem', paired: 'kun dem, der har svaret begge gange',
    everyone: 'alle, der har svaret', dk: '„Ved ikke“', dkIn: 'medregnet', dkOut: 'udeladt', k: 'Anonymitetsgrænse', kText: (k: number) => `k = ${k}: tal bygget på færre end ${k} svar vises ikke`,
    n: 'Antal svar (N)', nText: (n: { baseline: number; followUp: number; paired: number }) => `før ${n.baseline}, efter ${n.followUp}, begge gange ${n.paired}`,
    made: 'Udarbejdet', attributes: { municipality: 'Kommune', team: 'Team', group: 'Gruppe', role: 'Rolle' }, everyoneShort: 'alle svar', pairedShort: 'kun par', page: ['Side ', ' af '],
  },
  en: {
    project: 'Project', baseline: 'Before', followUp: 'After', filters: 'Filters', none: 'all (no filters)', who: 'Who', paired: 'only those who answered both times',
    everyone: 'everyone who answered', dk: '"Don\'t know"', dkIn: 'included', dkOut: 'left out', k: 'Anonymity threshold', kText: (k: number) => `k = ${k}: figures from fewer than ${k} answers are not shown`,
    n: 'Answers (N)', nText: (n: { baseline: number; followUp: number; paired: number }) => `before ${n.baseline}, after ${n.followUp}, both times ${n.paired}`,
    made: 'Made', attributes: { municipality: 'Municipality', team: 'Team', group: 'Group', role: 'Role' }, everyoneShort: 'all answers', pairedShort: 'pairs only', page: ['Page ', ' of '],
  },
} as const;

function roundText(round: ReportRound, language: Language): string {
  const days = [round.opensAt, round.closesAt].filter((d): d is Date => d !== null).map((d) => formatCopenhagenDate(d, language));
  return days.length ? `${round.label} (${days.join(' – ')})` : round.label;
}

/**
 * The report's cover: which project, rounds, filters, population, k, N and day the figures are
 * for, so a printed report for one municipality cannot pass for the whole project's.
 */
export function reportCover(selection: ReportSelection, language: Language): ReportCover {
  const w = words[language];
  const filters = (Object.keys(w.attributes) as (keyof typeof w.attributes)[])
    .filter((attribute) => selection.filter[attribute]?.length)
    .map((attribute) => `${w.attributes[attribute]}: ${selection.filter[attribute]!.join(', ')}`);
  const filterText = filters.length ? filters.join('; ') : w.none;
  const rows = [
    { label: w.project, value: selection.project.name },
    { label: w.baseline, value: roundText(selection.baseline, language) },
    { label: w.followUp, value: roundText(selection.followUp, language) },
    { label: w.filters, value: filterText },
    { label: w.who, value: selection.paired ? w.paired : w.everyone },
    { label: w.dk, value: selection.excludeDontKnow ? w.dkOut : w.dkIn },
    { label: w.k, value: w.kText(selection.project.anonymityK) },
    ...(selection.n ? [{ label: w.n, value: w.nText(selection.n) }] : []),
    { label: w.made, value: formatCopenhagenTime(selection.madeAt, language) },
  ];
  const runningHeader = [selection.project.name, `${selection.baseline.label} → ${selection.followUp.label}`, filterText, selection.paired ? w.pairedShort : w.everyoneShort].join(' · ');
  return { rows, runningHeader, pageNumber: { before: w.page[0], between: w.page[1] } };
}

/** A CSS string literal that holds any text: every character but letters, digits and spaces escaped. */
const cssString = (text: string) => `"${[...text].map((c) => (/[\p{L}\p{N} ]/u.test(c) ? c : `\\${c.codePointAt(0)!.toString(16)} `)).join('')}"`;

/**
 * The printed page's running header and page numbers as CSS @page margin boxes (Chromium prints
 * them, also from its Print dialog). Served as a stylesheet of its own: the strict CSP allows no
 * inline style, and CSS cannot read the header's text from the page.
 */
export function reportPageCss(cover: ReportCover): string {
  const box = 'font-family: "IBM Plex Sans", Arial, sans-serif; font-size: 8pt; color: #454545;';
  return [
    '@page {',
    `  @top-left { content: ${cssString(cover.runningHeader)}; ${box} vertical-align: bottom; padding-bottom: 3mm; }`,
    `  @bottom-right { content: ${cssString(cover.pageNumber.before)} counter(page) ${cssString(cover.pageNumber.between)} counter(pages); ${box} }`,
    '}',
    '',
  ].join('\n');
}
