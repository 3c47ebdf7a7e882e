import { compareQuestionnaires, fullyComparable } from '../analysis/questionnaireComparability.js';
import type { Round } from '../db/entities/index.js';
import type { QuestionnaireCatalog } from '../questionnaires/questionnaireCatalog.js';
import type { Language } from '../questionnaires/types.js';
import { compareUrlOf } from '../rounds/roundComparability.js';

const quoted = (texts: string[], language: Language) => texts.map((text) => (language === 'da' ? `„${text}“` : `“${text}”`)).join(', ');

const words = {
  da: {
    heading: 'Runderne har ikke samme spørgeskema',
    intro: (a: string, b: string, n: number) => `${a} og ${b} er besvaret med forskellige spørgeskemaer. ${n} spørgsmål er med i begge og sammenlignes; resten står her.`,
    onlyIn: (label: string, n: number) => `Kun spurgt i ${label} (${n}), indgår ikke i sammenligningen:`,
    changed: (n: number) => `Ændret ordlyd (${n}), sammenlignes, men en ny ordlyd kan i sig selv ændre svarene:`,
    notCompared: (n: number) => `Med i begge, men andre svarkoder eller en anden slags spørgsmål (${n}), sammenlignes ikke:`,
    rescaled: (categories: string, question: string) => `Tidsforbrug omregnes: ${categories} i „${question}“ er kun med i den ene runde; den udelades, og de øvrige andele omregnes til 100 %.`,
    fullReport: 'Se hele sammenligningen af spørgeskemaerne',
  },
  en: {
    heading: 'The rounds do not share one questionnaire',
    intro: (a: string, b: string, n: number) => `${a} and ${b} were answered with different questionnaires. ${n} questions are in both and compared; the rest are listed here.`,
    onlyIn: (label: string, n: number) => `Asked in ${label} only (${n}), not part of the comparison:`,
    changed: (n: number) => `Wording changed (${n}), compared, but a change of wording can in itself change the answers:`,
    notCompared: (n: number) => `In both, but with other answer codes or another kind of question (${n}), not compared:`,
    rescaled: (categories: string, question: string) => `Time use rescaled: ${categories} in “${question}” is in one round only; it is left out and the other shares are rescaled to 100 %.`,
    fullReport: 'See the full comparison of the questionnaires',
  },
} satisfies Record<Language, unknown>;

export interface QuestionnaireDifferences {
  heading: string;
  intro: string;
  /** One line per kind of difference; items, where named, listed under it. */
  lines: { text: string; items: string[] }[];
  /** The admin comparison page; absent for leads, who cannot open admin pages. */
  fullReportUrl?: string;
  fullReportText: string;
}

/**
 * The dashboard's note on two rounds answered with different questionnaires (or revisions): the
 * comparability report in short, in the page's language. Undefined when they compare fully.
 */
export function questionnaireDifferences(catalog: QuestionnaireCatalog, baseline: Round, followUp: Round, language: Language, forAdmin: boolean): QuestionnaireDifferences | undefined {
  if (baseline.questionnaireVersionId === followUp.questionnaireVersionId) return undefined;
  const [before, after] = [catalog.byVersion(baseline.questionnaireVersionId), catalog.byVersion(followUp.questionnaireVersionId)];
  if (!before || !after) return undefined;
  const report = compareQuestionnaires(before.questionnaire, after.questionnaire);
  if (fullyComparable(report)) return undefined;
  const t = words[language];
  const texts = (items: { text: Record<Language, string> }[]) => items.map((item) => item.text[language]);
  const differentlyCoded = report.notCompared.filter((item) => item.reason !== 'not_analysed');
  const lines = [
    ...(report.onlyInFirst.length ? [{ text: t.onlyIn(baseline.label, report.onlyInFirst.length), items: texts(report.onlyInFirst) }] : []),
    ...(report.onlyInSecond.length ? [{ text: t.onlyIn(followUp.label, report.onlyInSecond.length), items: texts(report.onlyInSecond) }] : []),
    ...(report.changedWording.length ? [{ text: t.changed(report.changedWording.length), items: texts(report.changedWording) }] : []),
    ...(differentlyCoded.length ? [{ text: t.notCompared(differentlyCoded.length), items: texts(differentlyCoded) }] : []),
    ...report.rescaledTimeUse.map((item) => ({ text: t.rescaled(quoted([...item.onlyInFirst, ...item.onlyInSecond].map((c) => c.label[language]), language), item.text[language]), items: [] })),
  ];
  return {
    heading: t.heading, intro: t.intro(baseline.label, followUp.label, report.compared.length), lines, fullReportText: t.fullReport,
    ...(forAdmin ? { fullReportUrl: compareUrlOf(catalog, before, after) } : {}),
  };
}
