import type { Language } from '../questionnaires/types.js';

/**
 * The words the chart modules (public/js/dashboard/) draw into charts and controls: the page
 * hands them over as JSON in data-words, so no English reaches a Danish chart.
 */
export const chartText = {
  da: {
    answers: 'svar', mean: 'Gennemsnit', interval: '95 %-interval', n: 'N', downloadPng: 'Hent figur (PNG)', downloadCsv: 'Hent tabel (CSV)',
    loading: 'Henter resultaterne …', updated: 'Resultaterne er opdateret.', failed: 'Resultaterne kunne ikke hentes. Prøv igen, eller genindlæs siden.',
    team: 'Team', role: 'Rolle', shareOfAnswers: 'Andel af svarene', shareOfTime: 'Gennemsnitlig andel af arbejdstiden',
  },
  en: {
    answers: 'answers', mean: 'Mean', interval: '95 % interval', n: 'N', downloadPng: 'Download chart (PNG)', downloadCsv: 'Download table (CSV)',
    loading: 'Fetching the results …', updated: 'The results are updated.', failed: 'The results could not be fetched. Try again, or reload the page.',
    team: 'Team', role: 'Role', shareOfAnswers: 'Share of answers', shareOfTime: 'Mean share of working time',
  },
} satisfies Record<Language, Record<string, string>>;

export type ChartText = (typeof chartText)['da'];
