import type { Language } from '../questionnaires/types.js';

/** The dashboard's own words, Danish and English. */
export const dashboardText = {
  da: {
    title: 'Resultater', report: 'Rapport', baseline: 'Før (baseline)', followUp: 'Efter (opfølgning)', paired: 'Kun dem, der har svaret begge gange', allRespondents: 'Alle, der har svaret',
    excludeDk: 'Uden „ved ikke“', show: 'Vis', municipality: 'Kommune', group: 'Gruppe', all: 'Alle', overview: 'Overblik', likert: 'Udsagn', belief: 'Tro på borgernes muligheder',
    contact: 'Kontakt og samtaler', timeUse: 'Tidsforbrug', transitions: 'Hvor gik „ved ikke“-svarene hen?', did: 'Indsats- mod kontrolgruppe (forskel i forskelle)', dataTable: 'Tabel',
    suppressed: (k: number) => `færre end ${k} svar`, printHint: 'Brug browserens Udskriv → Gem som PDF.', pairedN: 'Par (svaret begge gange)',
    top2Subject: 'Andelen, der er helt enige eller enige,', beliefSubject: (label: string) => `${label},`, nOf: (n1: number, n2: number) => `N = ${n1} / ${n2}`,
    item: 'Udsagn', change: 'Ændring (pp)', question: 'Spørgsmål', unit: 'Enhed', meanFrom: 'Før (gennemsnit)', meanTo: 'Efter (gennemsnit)', meanChange: 'Ændring', numbers: 'Tal',
    numbersNote: 'Gennemsnit pr. sagsbehandler; ændringen er gennemsnittet af hver persons ændring (kun par), med parret t-test.', ci: '95 %-interval', p: 'p', pHolm: 'p (Holm)', n: 'N', mean: 'Gennemsnit', from: 'Før', to: 'Efter', count: 'Antal', category: 'Kategori', estimate: 'Estimat',
    invited: 'Inviteret', submitted: 'Besvaret', rate: 'Svarprocent', round: 'Runde', droppedNote: (names: string) => `Kategorien ${names} blev kun spurgt om i én runde; den er taget ud, og de øvrige andele er skaleret op til 100 %.`,
    noDid: 'Projektet har ikke en indsats- og en kontrolgruppe.', notComputable: 'kan ikke beregnes',
    transitionsWithheld: 'Tabellen vises ikke, fordi for få svar ville kunne udledes.', transitionsHint: (k: number) => `Celler med færre end ${k} svar vises ikke, og heller ikke de celler, der ellers ville kunne afsløre dem.`,
  },
  en: {
    title: 'Results', report: 'Report', baseline: 'Before (baseline)', followUp: 'After (follow-up)', paired: 'Only those who answered both times', allRespondents: 'Everyone who answered',
    excludeDk: 'Without "don\'t know"', show: 'Show', municipality: 'Municipality', group: 'Group', all: 'All', overview: 'Overview', likert: 'Statements', belief: 'Belief in citizens\' chances',
    contact: 'Contact and conversations', timeUse: 'Time use', transitions: 'Where did the "don\'t know" answers go?', did: 'Intervention vs control (difference in differences)', dataTable: 'Table',
    suppressed: (k: number) => `fewer than ${k} answers`, printHint: 'Use the browser\'s Print → Save as PDF.', pairedN: 'Pairs (answered both times)',
    top2Subject: 'The share who strongly agree or agree', beliefSubject: (label: string) => label, nOf: (n1: number, n2: number) => `N = ${n1} / ${n2}`,
    item: 'Statement', change: 'Change (pp)', question: 'Question', unit: 'Unit', meanFrom: 'Before (mean)', meanTo: 'After (mean)', meanChange: 'Change', numbers: 'Numbers',
    numbersNote: 'Mean per caseworker; the change is the mean of each person\'s change (pairs only), with a paired t-test.', ci: '95 % interval', p: 'p', pHolm: 'p (Holm)', n: 'N', mean: 'Mean', from: 'Before', to: 'After', count: 'Count', category: 'Category', estimate: 'Estimate',
    invited: 'Invited', submitted: 'Submitted', rate: 'Response rate', round: 'Round', droppedNote: (names: string) => `The category ${names} was asked in one round only; it is left out and the other shares are rescaled to 100 %.`,
    noDid: 'The project has no intervention and control group.', notComputable: 'cannot be computed',
    transitionsWithheld: 'The table is not shown, because too few answers could be worked out from it.', transitionsHint: (k: number) => `Cells with fewer than ${k} answers are not shown, nor are the cells that could otherwise give them away.`,
  },
} satisfies Record<Language, unknown>;

export type DashboardText = (typeof dashboardText)['da'];
