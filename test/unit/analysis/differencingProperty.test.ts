import { expect } from 'chai';
import fc from 'fast-check';
import { participationOf } from '../../../src/analysis/participation.js';
import { differencingRisk, requestableRoundSets } from '../../../src/analysis/segmentDifferencing.js';
import { allFilters, registryGroups, responsesOf, shownPopulations, smallDifferences, type ShownView } from '../../support/differencingModel.js';
import { randomProject, type RandomProject } from '../../support/randomProjects.js';

interface Checked { allowed: number; refused: number; nestedPairs: number }

/** Every nested pair of allowed views' populations in one round: their difference, when the smaller shows figures (k or more). */
function violations(project: RandomProject, checked: Checked): string[] {
  const responses = responsesOf(project);
  const participation = participationOf(registryGroups(project), new Map(project.rounds.map((round) => [round, responses.get(round)!.filter((r) => r.personKey?.startsWith('c'))])), project.rounds);
  const requestable = requestableRoundSets(project.rounds);
  const shown: ShownView[] = [];
  for (const filter of allFilters(project)) {
    for (const rounds of requestable) {
      const label = `${JSON.stringify(filter)} rounds ${[...rounds].join('+')}`;
      if (differencingRisk(participation, { filter, rounds }, requestable, project.filterable, project.k) !== null) {
        checked.refused++;
        continue;
      }
      checked.allowed++;
      for (const populations of shownPopulations(responses, filter, [...rounds])) for (const [round, ids] of populations) shown.push({ label, round, ids });
    }
  }
  const { nested, found } = smallDifferences(shown, project.k);
  checked.nestedPairs += nested;
  return found;
}

describe('differencing property: no two allowed views differ by 1 to k − 1 people in any round', () => {
  it('holds for 500 random small projects (units of 1–12, 2–3 rounds, partial response, open-link codes that collide)', function () {
    this.timeout(120_000);
    const checked: Checked = { allowed: 0, refused: 0, nestedPairs: 0 };
    fc.assert(fc.property(randomProject(), (project) => {
      expect(violations(project, checked), JSON.stringify(project)).to.deep.equal([]);
    }), { numRuns: 500, seed: 20261205 });
    // Not vacuous: views were allowed and refused, and allowed views were nested.
    expect(checked.allowed).to.be.greaterThan(1000);
    expect(checked.refused).to.be.greaterThan(1000);
    expect(checked.nestedPairs).to.be.greaterThan(1000);
  });
});
