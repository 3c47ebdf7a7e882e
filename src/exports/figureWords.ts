import type { Language } from '../questionnaires/types.js';

/** Sheet names and column headers of the figures workbook (sheet names at most 31 characters). */
export const figureWords = {
  da: {
    about: 'Om tallene', overview: 'Overblik', likert: 'Udsagn', top2: 'Udsagn, enige (top-2)', belief: 'Tro på borgernes muligheder', contact: 'Kontakt og samtaler', numbers: 'Tal',
    timeUse: 'Tidsforbrug', transitions: 'Ved ikke – hvor gik svarene hen', did: 'Indsats mod kontrol (DiD)',
    field: 'Felt', value: 'Værdi', round: 'Runde', invited: 'Inviteret', submitted: 'Besvaret', rate: 'Svarprocent', note: 'Bemærkning',
    stem: 'Spørgsmål', statement: 'Udsagn', question: 'Spørgsmål', answer: 'Svar', code: 'Kode', count: 'Antal', share: 'Andel', category: 'Kategori',
    top2Share: 'Andel enige', change: 'Ændring', changePp: 'Ændring (procentpoint)', lower: '95 %-interval, nedre', upper: '95 %-interval, øvre', test: 'Test',
    p: 'p', pHolm: 'p (Holm)', pTTest: 'p (t-test)', pWilcoxon: 'p (Wilcoxon)', pairs: 'Par (svaret begge gange)', mean: 'Gennemsnit', median: 'Median',
    notComputable: 'ændringen kan ikke beregnes', withheld: 'Tabellen vises ikke, fordi for få svar ville kunne udledes.',
    suppressed: (k: number, round: string) => `færre end ${k} svar${round ? ` (${round})` : ''}`,
    dropped: (ids: string) => `kun spurgt om i én runde og taget ud: ${ids}`,
  },
  en: {
    about: 'About the figures', overview: 'Overview', likert: 'Statements', top2: 'Statements, agree (top-2)', belief: 'Belief in citizens\' chances', contact: 'Contact and conversations', numbers: 'Numbers',
    timeUse: 'Time use', transitions: 'Don\'t know – where it went', did: 'Intervention vs control (DiD)',
    field: 'Field', value: 'Value', round: 'Round', invited: 'Invited', submitted: 'Submitted', rate: 'Response rate', note: 'Note',
    stem: 'Question', statement: 'Statement', question: 'Question', answer: 'Answer', code: 'Code', count: 'Count', share: 'Share', category: 'Category',
    top2Share: 'Share agreeing', change: 'Change', changePp: 'Change (percentage points)', lower: '95 % interval, lower', upper: '95 % interval, upper', test: 'Test',
    p: 'p', pHolm: 'p (Holm)', pTTest: 'p (t-test)', pWilcoxon: 'p (Wilcoxon)', pairs: 'Pairs (answered both times)', mean: 'Mean', median: 'Median',
    notComputable: 'the change cannot be computed', withheld: 'The table is not shown, because too few answers could be worked out from it.',
    suppressed: (k: number, round: string) => `fewer than ${k} answers${round ? ` (${round})` : ''}`,
    dropped: (ids: string) => `asked in one round only and left out: ${ids}`,
  },
} satisfies Record<Language, unknown>;
