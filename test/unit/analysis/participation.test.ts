import { expect } from 'chai';
import { participationOf } from '../../../src/analysis/participation.js';
import type { ResponseRecord } from '../../../src/analysis/types.js';

let id = 0;
const openLink = (code: string | null): ResponseRecord => ({ responseId: ++id, personKey: code ? `c${code}` : null, submittedAtMs: id, attributes: { municipality: null, team: null, group: null, role: null } });
const roundsOf = (participation: ReturnType<typeof participationOf>, round: number) => participation.get(round)!.map((p) => ({ rounds: [...p.rounds].sort(), count: p.count }));

describe('participationOf', () => {
  it('links an open-link answer to another round as the comparison pairs it: one element may differ, an ambiguous code stays alone', () => {
    const participation = participationOf([], new Map([
      [1, [openLink('K-07-1-S'), openLink('M-21-0-A'), openLink('M-21-0-B'), openLink(null)]],
      [2, [openLink('K-07-2-S'), openLink('M-21-0-C')]],
    ]), [1, 2]);
    // K-07-1-S pairs with K-07-2-S; M-21-0-C is one element from both M codes, so neither pairs; no code never pairs.
    expect(roundsOf(participation, 1)).to.deep.include.members([{ rounds: [1, 2], count: 1 }, { rounds: [1], count: 3 }]);
    expect(roundsOf(participation, 2)).to.deep.include.members([{ rounds: [1, 2], count: 1 }, { rounds: [2], count: 1 }]);
  });

  it('counts every answer under one code in a round (two browsers: an ambiguous code, both in "everyone"), and registry caseworkers in every round they answered', () => {
    const registry = [{ attributes: { municipality: 'm1', team: 'T1', group: null, role: null }, rounds: new Set([1, 2]), count: 4 }];
    const participation = participationOf(registry, new Map([[1, [openLink('A-1-x'), openLink('A-1-x')]]]), [1, 2]);
    expect(participation.get(1)!.reduce((n, p) => n + p.count, 0)).to.equal(6);
    expect(participation.get(2)!.reduce((n, p) => n + p.count, 0)).to.equal(4);
  });
});
