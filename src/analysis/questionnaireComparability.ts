import { answerableItems, type AnswerableItem } from '../questionnaires/answerableItems.js';
import type { ItemKind, LocalisedText, Questionnaire, Scale } from '../questionnaires/types.js';
import { comparableScale } from './compareRounds.js';

export interface ItemRef {
  id: string;
  kind: ItemKind;
  text: LocalisedText;
}

/** What changed in an item's wording between the two questionnaires. */
export type WordingChange = 'text' | 'stem' | 'scaleLabels' | 'categoryLabels';

export interface ComparabilityReport {
  /** In both and compared by the before/after analysis (same kind; for scale items the same codes). */
  compared: ItemRef[];
  /** In both, but not compared: another kind, other scale codes, or a kind the comparison does not test (matrix, text). */
  notCompared: (ItemRef & { reason: 'different_kind' | 'different_codes' | 'not_analysed' })[];
  onlyInFirst: ItemRef[];
  onlyInSecond: ItemRef[];
  /** Compared items whose wording or labels changed: a change of wording can change answers. */
  changedWording: (ItemRef & { changes: WordingChange[] })[];
  /** Time-use items whose categories differ: the categories of one side are left out and the rest rescaled. */
  rescaledTimeUse: { id: string; text: LocalisedText; onlyInFirst: { id: string; label: LocalisedText }[]; onlyInSecond: { id: string; label: LocalisedText }[] }[];
}

const ref = (item: AnswerableItem): ItemRef => ({ id: item.id, kind: item.kind, text: item.text });
const sameText = (a: LocalisedText, b: LocalisedText) => a.da === b.da && a.en === b.en;
const sameLabels = (a: Scale, b: Scale) => a.options.every((option, i) => sameText(option.label, b.options[i]!.label));

function notComparedReason(a: AnswerableItem, b: AnswerableItem): 'different_kind' | 'different_codes' | 'not_analysed' | undefined {
  if (a.kind !== b.kind) return 'different_kind';
  if ((a.kind === 'likert' || a.kind === 'choice') && !comparableScale(a.scale, (b as typeof a).scale)) return 'different_codes';
  if (a.kind === 'matrix' || a.kind === 'text') return 'not_analysed';
  return undefined;
}

function wordingChanges(a: AnswerableItem, b: AnswerableItem): WordingChange[] {
  const changes: WordingChange[] = [];
  if (!sameText(a.text, b.text)) changes.push('text');
  if (a.kind === 'likert' && b.kind === 'likert' && !sameText(a.item.text, b.item.text)) changes.push('stem');
  if ((a.kind === 'likert' || a.kind === 'choice') && (b.kind === 'likert' || b.kind === 'choice') && !sameLabels(a.scale, b.scale)) changes.push('scaleLabels');
  if (a.kind === 'allocation' && b.kind === 'allocation') {
    const labels = new Map(b.item.categories.map((c) => [c.id, c.label]));
    if (a.item.categories.some((c) => labels.has(c.id) && !sameText(c.label, labels.get(c.id)!))) changes.push('categoryLabels');
  }
  return changes;
}

/**
 * Which items of two questionnaires (a START and an END, or two rounds' revisions) the before/after
 * comparison will compare, by the same rules compareRounds applies: item ids, kinds and scale codes.
 */
export function compareQuestionnaires(first: Questionnaire, second: Questionnaire): ComparabilityReport {
  const firstItems = answerableItems(first);
  const secondById = new Map(answerableItems(second).map((item) => [item.id, item]));
  const firstIds = new Set(firstItems.map((item) => item.id));
  const report: ComparabilityReport = { compared: [], notCompared: [], onlyInFirst: [], onlyInSecond: [], changedWording: [], rescaledTimeUse: [] };

  for (const item of firstItems) {
    const other = secondById.get(item.id);
    if (!other) {
      report.onlyInFirst.push(ref(item));
      continue;
    }
    const reason = notComparedReason(item, other);
    if (reason) {
      report.notCompared.push({ ...ref(item), reason });
      continue;
    }
    report.compared.push(ref(item));
    const changes = wordingChanges(item, other);
    if (changes.length) report.changedWording.push({ ...ref(other), changes });
    if (item.kind === 'allocation' && other.kind === 'allocation') {
      const firstCategories = new Set(item.item.categories.map((c) => c.id));
      const secondCategories = new Set(other.item.categories.map((c) => c.id));
      const onlyInFirst = item.item.categories.filter((c) => !secondCategories.has(c.id)).map((c) => ({ id: c.id, label: c.label }));
      const onlyInSecond = other.item.categories.filter((c) => !firstCategories.has(c.id)).map((c) => ({ id: c.id, label: c.label }));
      if (onlyInFirst.length || onlyInSecond.length) report.rescaledTimeUse.push({ id: item.id, text: other.text, onlyInFirst, onlyInSecond });
    }
  }
  for (const item of secondById.values()) if (!firstIds.has(item.id)) report.onlyInSecond.push(ref(item));
  return report;
}

/** The questionnaires are the same as far as the comparison goes: nothing left out, reworded or rescaled (free text and matrices are never tested). */
export function fullyComparable(report: ComparabilityReport): boolean {
  return report.notCompared.every((item) => item.reason === 'not_analysed') && !report.onlyInFirst.length && !report.onlyInSecond.length && !report.changedWording.length && !report.rescaledTimeUse.length;
}
