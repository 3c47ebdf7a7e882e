import { answerableItems } from '../questionnaires/answerableItems.js';
import { isShown } from '../questionnaires/displayCondition.js';
import type { Questionnaire } from '../questionnaires/types.js';
import type { Answers } from '../responses/types.js';

export interface DemoPerson {
  /** Personal tendency to agree, −1 … 1, kept across rounds so pairs correlate. */
  optimism: number;
  caseload: number;
}

/**
 * Plausible answers for one person in one round: agreement drifts up by `shift` scale steps at
 * the end (the effect the project hopes for), about one in twelve answers "ved ikke", counts stay
 * within the caseload and time-use shares add up to 100. Valid by construction of the questionnaire.
 */
export function demoAnswers(questionnaire: Questionnaire, person: DemoPerson, shift: number, random: () => number): Answers {
  const answers: Answers = {};
  const normalish = () => (random() + random() + random() - 1.5) * 1.4;
  for (const item of answerableItems(questionnaire)) {
    if (!isShown(item.showIf, item.showIf ? answers[item.showIf.item] : undefined)) continue;
    switch (item.kind) {
      case 'likert':
      case 'choice': {
        const substantive = item.scale.options.filter((o) => !o.dontKnow).map((o) => o.code).sort((a, b) => a - b);
        const dontKnow = item.scale.options.find((o) => o.dontKnow);
        if (dontKnow && random() < 0.08) {
          answers[item.id] = dontKnow.code;
          break;
        }
        if (!item.scale.ordered) {
          answers[item.id] = substantive[Math.floor(random() * substantive.length)]!;
          break;
        }
        const middle = (substantive.length - 1) / 2;
        const position = Math.round(middle + person.optimism * 1.2 + shift + normalish());
        answers[item.id] = substantive[Math.max(0, Math.min(substantive.length - 1, position))]!;
        break;
      }
      case 'number': {
        const bound = item.item.maxItem ? Number(answers[item.item.maxItem]) : item.item.max;
        const value = item.id === 'caseload' ? person.caseload
          : item.item.maxItem ? Math.round(bound * Math.max(0, Math.min(1, 0.3 + 0.15 * person.optimism + 0.1 * shift + 0.15 * normalish())))
            : Math.round(Math.max(item.item.min, Math.min(bound, item.item.min + (item.item.max - item.item.min) * (0.08 + 0.05 * random() + 0.03 * shift))));
        answers[item.id] = Math.max(item.item.min, Math.min(bound, value));
        break;
      }
      case 'allocation': {
        const weights = item.item.categories.map(() => 0.2 + random());
        const sum = weights.reduce((s, w) => s + w, 0);
        const shares = weights.map((w) => Math.floor((w / sum) * item.item.total));
        shares[0]! += item.item.total - shares.reduce((s, v) => s + v, 0);
        answers[item.id] = Object.fromEntries(item.item.categories.map((c, i) => [c.id, shares[i]!]));
        break;
      }
      case 'matrix':
        answers[item.id] = Object.fromEntries(item.item.rows.map((row) => [row.id, item.scale.options[Math.floor(random() * item.scale.options.length)]!.code]));
        break;
      case 'text':
        if (random() < 0.2) answers[item.id] = 'Mere tid til den enkelte borger gør en forskel.';
        break;
    }
  }
  return answers;
}
