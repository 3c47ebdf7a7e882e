import type { AcrossRoundsTest, LineGroup, TrendLine, TrendPoint } from '../analysis/trendAnalysis.js';
import type { TrendResponse } from '../comparison/trendService.js';
import { answerableItemById } from '../questionnaires/answerableItems.js';
import type { Questionnaire } from '../questionnaires/types.js';
import { shareChangeCaption } from './captions.js';

/** What the trend page shows of one statement or measure: a chart, its data table and a caption. */
export interface TrendChart {
  id: string;
  title: string;
  /** The chart's data for public/js/dashboard/trend.js: labels, one line per group, values in the unit shown. */
  data: { unit: 'percent' | 'number'; rounds: string[]; lines: { group: LineGroup; label: string; points: ({ estimate: number; lower: number; upper: number } | null)[] }[] };
  /** Table rows: a round, then per line its figure with interval and n. */
  rows: { round: string; cells: { figure: string; interval: string; n: string }[] }[];
  lineLabels: string[];
  caption: string;
  tests: string[];
}

export interface TrendBattery {
  stem: string;
  charts: TrendChart[];
}

export interface TrendView {
  batteries: TrendBattery[];
  measures: TrendChart[];
  who: string;
}

export const LINE_LABELS: Record<LineGroup, string> = { all: 'Alle', intervention: 'Forsøgsgruppen', control: 'Kontrolgruppen' };

const number = (value: number, digits: number) => value.toLocaleString('da-DK', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const pText = (p: number) => (p < 0.001 ? '< 0,001' : `= ${number(p, p < 0.01 ? 3 : 2)}`);
const shown = (point: TrendPoint | undefined): point is Extract<TrendPoint, { estimate: number }> => point !== undefined && point.estimate !== null;

function cell(point: TrendPoint, unit: 'percent' | 'number', k: number): { figure: string; interval: string; n: string } {
  if (!shown(point)) return { figure: point.n === null ? `Under ${k} svar` : 'Kan ikke beregnes', interval: '', n: point.n === null ? '' : String(point.n) };
  const format = (value: number) => (unit === 'percent' ? number(value * 100, 0) : number(value, 1));
  const suffix = unit === 'percent' ? ' %' : '';
  return { figure: `${format(point.estimate)}${suffix}`, interval: `${format(point.lower)}–${format(point.upper)}${suffix}`, n: String(point.n) };
}

function chartOf(id: string, title: string, lines: TrendLine[], rounds: string[], unit: 'percent' | 'number', k: number): Omit<TrendChart, 'caption' | 'tests'> {
  const scale = unit === 'percent' ? 100 : 1;
  return {
    id, title,
    data: {
      unit, rounds,
      lines: lines.map((line) => ({ group: line.group, label: LINE_LABELS[line.group], points: line.points.map((p) => (shown(p) ? { estimate: p.estimate * scale, lower: p.lower * scale, upper: p.upper * scale } : null)) })),
    },
    rows: rounds.map((round, i) => ({ round, cells: lines.map((line) => cell(line.points[i]!, unit, k)) })),
    lineLabels: lines.map((line) => LINE_LABELS[line.group]),
  };
}

/** The overall test and its pairs of rounds, in words a lead reads. */
function testLines(test: AcrossRoundsTest | null | undefined, rounds: string[], what: string): string[] {
  if (!test) return [];
  if (test.pValue === null) return [`${what} (${test.test}): kan ikke beregnes – ${test.reason ?? ''}.`];
  const verdict = (test.pHolm ?? test.pValue) < 0.05 ? 'en statistisk signifikant forskel mellem runderne' : 'ingen statistisk signifikant forskel mellem runderne';
  const pairs = test.pairs.map((pair) => `${rounds[pair.from]}–${rounds[pair.to]}: ${pair.pHolm === null ? 'kan ikke beregnes' : `p ${pText(pair.pHolm)}`}`).join('; ');
  return [
    `${what} (${test.test}, ${test.n} personer): ${verdict} (p ${pText(test.pHolm ?? test.pValue)} efter Holm-korrektion over udsagnene).`,
    `Parvis (${test.pairs[0]?.test ?? ''}, Holm-korrigeret): ${pairs}.`,
  ];
}

/** A sentence on how the first shown round compares with the last, for everyone. */
function measureCaption(chart: Omit<TrendChart, 'caption' | 'tests'>): string {
  const all = chart.data.lines[0]!.points;
  const first = all.findIndex((p) => p !== null);
  const last = all.length - 1 - [...all].reverse().findIndex((p) => p !== null);
  if (first < 0 || first === last) return 'Der er for få svar til at vise en udvikling.';
  const unit = chart.data.unit === 'percent' ? ' %' : '';
  const digits = chart.data.unit === 'percent' ? 0 : 1;
  const [from, to] = [Number(all[first]!.estimate.toFixed(digits)), Number(all[last]!.estimate.toFixed(digits))];
  const verb = to > from ? 'steg' : to < from ? 'faldt' : 'var uændret';
  const rounds = `${chart.data.rounds[first]} til ${chart.data.rounds[last]}`;
  const subject = chart.data.unit === 'percent' ? 'Den gennemsnitlige andel' : 'Gennemsnittet';
  return from === to ? `${subject} ${verb} på ${number(from, digits)}${unit} fra ${rounds}.` : `${subject} ${verb} fra ${number(from, digits)}${unit} til ${number(to, digits)}${unit} (${rounds}).`;
}

/** The trend page's content in Danish: statements by battery, then numbers and indicators. */
export function buildTrendView(trend: TrendResponse, questionnaire: Questionnaire): TrendView {
  const k = trend.project.anonymityK;
  const rounds = trend.rounds.map((r) => r.label);
  const who = trend.paired ? `de ${trend.n.everyRound} personer, der har svaret i alle de valgte runder` : 'alle, der har svaret i hver runde';
  const batteries: TrendBattery[] = [];
  for (const statement of trend.statements) {
    const stem = statement.stem.da;
    const item = answerableItemById(questionnaire, statement.itemId);
    const topLabels = item && 'scale' in item ? item.scale.options.filter((o) => statement.topBox.includes(o.code)).map((o) => `„${o.label.da}“`).join(' eller ') : 'de to øverste svar';
    const chart = chartOf(statement.itemId, statement.text.da, statement.lines, rounds, 'percent', k);
    const all = statement.lines[0]!.points;
    const first = all.findIndex(shown);
    const lastFromEnd = [...all].reverse().findIndex(shown);
    const last = all.length - 1 - lastFromEnd;
    const caption = first >= 0 && last > first && shown(all[first]) && shown(all[last])
      ? shareChangeCaption(`Andelen, der svarer ${topLabels},`, { from: all[first].estimate, to: all[last].estimate, pHolm: statement.tests?.top2.pHolm }, `${rounds[first]} til ${rounds[last]}`, 'da')
      : 'Der er for få svar til at vise en udvikling.';
    const tests = statement.tests
      ? [...testLines(statement.tests.top2, rounds, 'Andelen'), ...testLines(statement.tests.ordinal, rounds, 'Svarene på hele skalaen, uden „ved ikke“')]
      : ['Test på tværs af runderne kræver, at kun dem, der har svaret i alle runderne, er med.'];
    const battery = batteries.at(-1)?.stem === stem ? batteries.at(-1)! : (batteries.push({ stem, charts: [] }), batteries.at(-1)!);
    battery.charts.push({ ...chart, caption, tests });
  }
  const measures = trend.measures.map((measure) => {
    const item = measure.kind === 'number' ? answerableItemById(questionnaire, measure.id) : undefined;
    const unitText = item?.kind === 'number' && item.item.unit ? ` (gennemsnit, ${item.item.unit.da})` : measure.kind === 'indicator' ? ' (gennemsnitlig andel)' : ' (gennemsnit)';
    const chart = chartOf(measure.id, `${measure.text.da}${unitText}`, measure.lines, rounds, measure.kind === 'indicator' ? 'percent' : 'number', k);
    return { ...chart, caption: measureCaption(chart), tests: [] };
  });
  return { batteries, measures, who };
}
