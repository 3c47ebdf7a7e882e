import { RoundColumns, type Slots } from './answerColumns.js';
import { latestPerPerson, pairRespondents } from './pairRespondents.js';
import type { RoundData } from './compareRounds.js';
import type { ResponseRecord } from './types.js';

/** Whose answers a trend reads in each round, and where they sit in that round's columns. */
export interface TrendReading {
  paired: boolean;
  columns: RoundColumns[];
  /**
   * Per round, the slots read. Paired: the same people in every round, person i at index i in
   * each round's slots. Otherwise each round's counted responses (the latest per person).
   */
  slots: Slots[];
  /** The group each slot's person belongs to, per round (paired: the first round's record). */
  groupOf: (string | null)[][];
  /** Counted responses per round, and people who answered every chosen round. */
  counted: number[];
  everyRound: number;
}

/**
 * People who answered every chosen round: each first-round response paired with every later
 * round as the comparison pairs two rounds (registry id, or self code with one element allowed
 * to differ), kept only when it found a partner in all of them. Returns, per round, the people's
 * responses in the same order.
 */
export function everyRoundPeople(counted: ResponseRecord[][]): ResponseRecord[][] {
  const [first, ...later] = counted;
  const partners = later.map((round) => new Map(pairRespondents(first!, round).pairs.map((pair) => [pair.baseline.responseId, pair.followUp])));
  const kept = first!.filter((response) => partners.every((byFirst) => byFirst.has(response.responseId)));
  return [kept, ...partners.map((byFirst) => kept.map((response) => byFirst.get(response.responseId)!))];
}

export function trendReading(rounds: RoundData[], paired: boolean): TrendReading {
  const counted = rounds.map((round) => latestPerPerson(round.responses).responses);
  const columns = rounds.map((round) => new RoundColumns(round.values));
  const people = everyRoundPeople(counted);
  const read = paired ? people : counted;
  const groupOf = paired ? read.map(() => people[0]!.map((r) => r.attributes.group)) : read.map((responses) => responses.map((r) => r.attributes.group));
  return {
    paired, columns,
    slots: read.map((responses, i) => columns[i]!.slotsOf(responses)),
    groupOf,
    counted: counted.map((responses) => responses.length),
    everyRound: people[0]!.length,
  };
}
