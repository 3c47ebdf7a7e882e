import fc from 'fast-check';
import type { RespondentAttribute } from '../../src/projects/reportableAttributes.js';

/** A small project for the differencing property: registry caseworkers in units, open-link answers, partial response. */
export interface RandomProject {
  k: number;
  rounds: number[];
  filterable: RespondentAttribute[];
  /** Registry caseworkers: attributes and, per round, how many times they submitted (0 = skipped, 2 = a duplicate). */
  people: { municipality: string; team: string; group: string; submissions: number[] }[];
  /** Open-link submissions per round: a code each, from a small space so codes collide and differ in one element. */
  openLink: string[][];
}

const CODE = fc.tuple(fc.constantFrom('A', 'B'), fc.constantFrom('1', '2'), fc.constantFrom('x', 'y', 'z')).map((parts) => parts.join('-'));

/** Units of 1 to 12 people in one of two municipalities, 2 or 3 rounds, each person answering each round or not. */
export function randomProject(): fc.Arbitrary<RandomProject> {
  return fc.integer({ min: 2, max: 3 }).chain((roundCount) => fc.record({
    k: fc.integer({ min: 3, max: 5 }),
    rounds: fc.constant(Array.from({ length: roundCount }, (_, i) => i + 1)),
    filterable: fc.subarray(['municipality', 'team', 'group'] as RespondentAttribute[], { minLength: 0 }),
    units: fc.array(fc.record({
      municipality: fc.constantFrom('m1', 'm2'),
      people: fc.array(fc.record({
        group: fc.constantFrom('Forsøg', 'Kontrol'),
        // Mostly answering, sometimes skipping, rarely submitting twice.
        submissions: fc.array(fc.constantFrom(1, 1, 1, 0, 0, 2), { minLength: roundCount, maxLength: roundCount }),
      }), { minLength: 1, maxLength: 12 }),
    }), { minLength: 1, maxLength: 3 }),
    openLink: fc.array(fc.array(CODE, { maxLength: 4 }), { minLength: roundCount, maxLength: roundCount }),
  })).map(({ units, ...project }) => ({
    ...project,
    people: units.flatMap((unit, u) => unit.people.map((person) => ({ municipality: unit.municipality, team: `T${u + 1}`, ...person }))),
  }));
}
