import { latestPerPerson, pairRespondents } from '../../src/analysis/pairRespondents.js';
import type { ResponseRecord } from '../../src/analysis/types.js';
import { seededRandom } from '../../src/demo/seededRandom.js';
import type { SelfCodeElement } from '../../src/rounds/selfGeneratedCode.js';

/**
 * Simulated open-link projects for choosing the self-generated code's elements: people with
 * realistic Danish answers to each element, answering START and END with attrition, some
 * misremembering an element at END; their codes are paired by the real matching code.
 */

type Weights = Record<string, number>;

// First letter of Danish first names of the parents' generation (women and men born about
// 1930–1975: Karen, Kirsten, Inge, Hanne, Anne, Birgit, Else, Lis … / Jens, Jørgen, Hans,
// Peter, Poul, Niels, Knud, Søren …), rounded weights.
const MOTHER: Weights = {
  K: 12, A: 8, B: 8, E: 7, H: 8, I: 6, J: 6, L: 7, M: 8, G: 5, S: 4, T: 3, U: 2, R: 2, P: 2, D: 2, V: 2, C: 2, N: 1, O: 0.5, F: 0.5, Y: 0.5, W: 0.5, Å: 0.2, Ø: 0.1, Z: 0.1,
};
const FATHER: Weights = {
  J: 14, P: 10, H: 9, K: 8, S: 7, N: 6, E: 6, O: 5, B: 5, F: 5, A: 5, L: 5, C: 4, M: 4, T: 3, V: 1, G: 1, I: 1, R: 1, W: 0.5, Ø: 0.1,
};
// First letter of Danish street names (Skovvej, Stationsvej, Søndergade, Bakkevej, Birkevej, Vestergade …).
const STREET: Weights = {
  S: 14, B: 9, V: 8, K: 7, H: 7, M: 6, N: 5, E: 5, R: 5, G: 5, L: 5, A: 4, Ø: 4, T: 3, F: 3, P: 3, D: 2, J: 2, Å: 2, O: 2, I: 1, U: 1, Æ: 0.5, C: 0.5, W: 0.2, Y: 0.2,
};
// Day of birth: days 29–31 exist in fewer months (29 February one year in four).
const DAY: Weights = Object.fromEntries(Array.from({ length: 31 }, (_, i) => [String(i + 1).padStart(2, '0'), i < 28 ? 12 : i === 28 ? 11.25 : i === 29 ? 11 : 7]));
// Birth month: Danish births are slightly more frequent in summer.
const MONTH: Weights = Object.fromEntries([8.0, 7.5, 8.5, 8.5, 8.8, 8.6, 9.0, 8.8, 8.6, 8.0, 7.7, 8.0].map((w, i) => [String(i + 1).padStart(2, '0'), w]));
// Number of older siblings of adults in Denmark (about 4 in 10 are the first-born).
const SIBLINGS: Weights = { 0: 42, 1: 34, 2: 15, 3: 5, 4: 2, 5: 1, 6: 0.5, 7: 0.3, 8: 0.1, 9: 0.1 };

const distributions: Record<SelfCodeElement, Weights> = {
  motherInitial: MOTHER, fatherInitial: FATHER, birthDay: DAY, birthMonth: MONTH, olderSiblings: SIBLINGS, streetInitial: STREET,
};

function draw(random: () => number, weights: Weights, not?: string): string {
  const entries = Object.entries(weights).filter(([value]) => value !== not);
  let left = random() * entries.reduce((sum, [, weight]) => sum + weight, 0);
  for (const [value, weight] of entries) {
    left -= weight;
    if (left <= 0) return value;
  }
  return entries[entries.length - 1]![0];
}

export interface SimulationOptions {
  elements: readonly SelfCodeElement[];
  respondents: number;
  /** Share who misremember exactly one element, and exactly two, at END. */
  misrememberOne: number;
  misrememberTwo: number;
  /** Chance that a person answers START, and END (independently). */
  answersStart: number;
  answersEnd: number;
}

export interface ProjectResult {
  truePairs: number;
  pairs: number;
  correctPairs: number;
  recall: number;
  precision: number;
}

/** One simulated project, paired as the comparison pairs it (latestPerPerson, pairRespondents). */
export function simulateProject(seed: number, options: SimulationOptions): ProjectResult {
  const random = seededRandom(seed);
  const start: ResponseRecord[] = [];
  const end: ResponseRecord[] = [];
  const personOfResponse = new Map<number, number>();
  const attributes = { municipality: null, team: null, group: null, role: null };
  let truePairs = 0;
  for (let person = 0; person < options.respondents; person++) {
    const facts = options.elements.map((element) => draw(random, distributions[element]));
    const inStart = random() < options.answersStart;
    const inEnd = random() < options.answersEnd;
    const roll = random();
    const wrong = roll < options.misrememberTwo ? 2 : roll < options.misrememberTwo + options.misrememberOne ? 1 : 0;
    const later = [...facts];
    const positions = options.elements.map((_, i) => i).sort(() => random() - 0.5).slice(0, wrong);
    for (const i of positions) later[i] = draw(random, distributions[options.elements[i]!], facts[i]);
    const record = (codeFacts: string[], id: number): ResponseRecord => {
      personOfResponse.set(id, person);
      return { responseId: id, personKey: `c${codeFacts.join('-')}`, submittedAtMs: id, attributes };
    };
    if (inStart) start.push(record(facts, 2 * person + 1));
    if (inEnd) end.push(record(later, 2 * person + 2));
    if (inStart && inEnd) truePairs++;
  }
  const { pairs } = pairRespondents(latestPerPerson(start).responses, latestPerPerson(end).responses);
  const correctPairs = pairs.filter((pair) => personOfResponse.get(pair.baseline.responseId) === personOfResponse.get(pair.followUp.responseId)).length;
  return { truePairs, pairs: pairs.length, correctPairs, recall: correctPairs / truePairs, precision: pairs.length ? correctPairs / pairs.length : 1 };
}

export const ISSUE_SCENARIO: Omit<SimulationOptions, 'elements'> = {
  respondents: 200, misrememberOne: 0.08, misrememberTwo: 0.01, answersStart: 0.9, answersEnd: 0.85,
};
