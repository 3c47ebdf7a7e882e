import type { Pair, ResponseRecord } from './types.js';

export interface RoundResponses {
  /** One response per identified person (the latest), and every open-link and unkeyed response. */
  responses: ResponseRecord[];
  /** Earlier complete responses of an identified person already counted with a later one. */
  duplicates: number;
}

/**
 * Two complete answers from one person in one round: keep the latest, count the other as a
 * duplicate. That needs to know it is one person, which only the registry id tells. Two answers
 * under one self-generated code come from two browsers (one browser submits once), which may be
 * one person or two people whose facts collide: both are kept, and the code is ambiguous
 * (see matchSelfCodes); an answer is never dropped on a guess.
 */
export function latestPerPerson(responses: ResponseRecord[]): RoundResponses {
  const byPerson = new Map<string, ResponseRecord>();
  const others: ResponseRecord[] = [];
  let duplicates = 0;
  for (const response of responses) {
    if (!response.personKey?.startsWith('r')) {
      others.push(response);
      continue;
    }
    const seen = byPerson.get(response.personKey);
    if (seen) {
      duplicates++;
      if (response.submittedAtMs > seen.submittedAtMs || (response.submittedAtMs === seen.submittedAtMs && response.responseId > seen.responseId)) byPerson.set(response.personKey, response);
    } else {
      byPerson.set(response.personKey, response);
    }
  }
  return { responses: [...byPerson.values(), ...others], duplicates };
}

/**
 * Codes that differ from a code in exactly one element, found through buckets of the code with
 * one element blanked: comparing every code with every other took seconds for an open-link
 * round of 10,000.
 */
class NearCodes {
  private readonly buckets = new Map<string, string[]>();

  constructor(codes: Iterable<string>) {
    for (const code of new Set(codes)) {
      for (const key of NearCodes.keys(code)) {
        const bucket = this.buckets.get(key);
        if (bucket) bucket.push(code);
        else this.buckets.set(key, [code]);
      }
    }
  }

  /** Element i replaced by a character no code element contains; the element count keeps codes of other lengths apart. */
  private static keys(code: string): string[] {
    const parts = code.split('-');
    return parts.map((_, i) => `${parts.length}:${parts.map((part, j) => (i === j ? '\u0000' : part)).join('-')}`);
  }

  /** Codes at distance one from `code`. */
  near(code: string): string[] {
    return [...new Set(NearCodes.keys(code).flatMap((key) => this.buckets.get(key) ?? []))].filter((other) => other !== code);
  }
}

function countCodes(codes: string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const code of codes) counts.set(code, (counts.get(code) ?? 0) + 1);
  return counts;
}

/**
 * Match anonymous self-generated codes one-to-one across two rounds, allowing one mismatched
 * element (people misremember); a code that fits two candidates stays unmatched rather than guessed.
 * A code given more than once in a round is ambiguous: it is never matched (which of its people
 * would it be?), yet still counts as a candidate, so it also keeps a near code from being guessed.
 * A code with an exact counterpart is never matched to a near one instead.
 * Takes each round's codes, one per response. Returns baseline code → follow-up code.
 */
export function matchSelfCodes(baselineCodes: string[], followUpCodes: string[]): Map<string, string> {
  const baseline = countCodes(baselineCodes);
  const followUp = countCodes(followUpCodes);
  const matches = new Map<string, string>();
  // Follow-up codes spoken for: matched, or with an exact (if ambiguous) counterpart.
  const taken = new Set<string>();
  for (const [code, count] of baseline) {
    if (!followUp.has(code)) continue;
    taken.add(code);
    if (count === 1 && followUp.get(code) === 1) matches.set(code, code);
  }
  const nearFollowUp = new NearCodes(followUp.keys());
  const nearBaseline = new NearCodes(baseline.keys());
  for (const [code, count] of baseline) {
    if (count > 1 || followUp.has(code)) continue;
    const candidates = nearFollowUp.near(code).filter((other) => !taken.has(other));
    if (candidates.length !== 1) continue;
    const [candidate] = candidates as [string];
    if (followUp.get(candidate)! > 1) continue;
    // The match must be unique from the other side too.
    const rivals = nearBaseline.near(candidate).filter((other) => !matches.has(other) && !followUp.has(other));
    if (rivals.length !== 1) continue;
    matches.set(code, candidate);
    taken.add(candidate);
  }
  return matches;
}

export interface Pairing {
  pairs: Pair[];
  /** Share of anonymous baseline codes that found a follow-up partner (null when there were none). */
  codeMatchRate: number | null;
  /** Codes given by more than one response in a round, left unpaired (see matchSelfCodes). */
  ambiguousCodes: { baseline: number; followUp: number };
}

/** People who answered both rounds: identified by their registry id, anonymous by their code. */
export function pairRespondents(baseline: ResponseRecord[], followUp: ResponseRecord[]): Pairing {
  const followByKey = new Map(followUp.filter((r) => r.personKey).map((r) => [r.personKey!, r]));
  const pairs: Pair[] = [];
  for (const response of baseline) {
    if (!response.personKey?.startsWith('r')) continue;
    const partner = followByKey.get(response.personKey);
    if (partner) pairs.push({ personKey: response.personKey, baseline: response, followUp: partner });
  }
  const codesOf = (rs: ResponseRecord[]) => rs.filter((r) => r.personKey?.startsWith('c')).map((r) => r.personKey!.slice(1));
  const baselineCodes = codesOf(baseline);
  const followUpCodes = codesOf(followUp);
  const matches = matchSelfCodes(baselineCodes, followUpCodes);
  const baselineByKey = matches.size ? new Map(baseline.filter((r) => r.personKey).map((r) => [r.personKey!, r])) : new Map<string, ResponseRecord>();
  for (const [code, partnerCode] of matches) {
    pairs.push({ personKey: `c${code}`, baseline: baselineByKey.get(`c${code}`)!, followUp: followByKey.get(`c${partnerCode}`)! });
  }
  const distinct = countCodes(baselineCodes);
  const ambiguous = (counts: Map<string, number>) => [...counts.values()].filter((count) => count > 1).length;
  return {
    pairs,
    codeMatchRate: distinct.size ? matches.size / distinct.size : null,
    ambiguousCodes: { baseline: ambiguous(distinct), followUp: ambiguous(countCodes(followUpCodes)) },
  };
}
