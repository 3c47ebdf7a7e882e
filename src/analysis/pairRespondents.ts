import type { Pair, ResponseRecord } from './types.js';

export interface RoundResponses {
  /** One response per person (the latest), plus anonymous ones that cannot be paired. */
  responses: ResponseRecord[];
  /** Earlier complete responses of a person already counted with a later one. */
  duplicates: number;
}

/** Two complete answers from one person in one round: keep the latest, count the other as a duplicate. */
export function latestPerPerson(responses: ResponseRecord[]): RoundResponses {
  const byPerson = new Map<string, ResponseRecord>();
  const unkeyed: ResponseRecord[] = [];
  let duplicates = 0;
  for (const response of responses) {
    if (!response.personKey) {
      unkeyed.push(response);
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
  return { responses: [...byPerson.values(), ...unkeyed], duplicates };
}

/**
 * Codes that differ from a code in exactly one element, found through buckets of the code with
 * one element blanked: comparing every code with every other took seconds for an open-link
 * round of 10,000.
 */
class NearCodes {
  private readonly buckets = new Map<string, string[]>();

  constructor(codes: string[]) {
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

/**
 * Match anonymous self-generated codes one-to-one across two rounds, allowing one mismatched
 * element (people misremember); a code that fits two candidates stays unmatched rather than guessed.
 * Returns baseline code → follow-up code.
 */
export function matchSelfCodes(baselineCodes: string[], followUpCodes: string[]): Map<string, string> {
  const matches = new Map<string, string>();
  const exact = new Set(followUpCodes);
  const taken = new Set<string>();
  for (const code of baselineCodes) {
    if (exact.has(code)) {
      matches.set(code, code);
      taken.add(code);
    }
  }
  const nearFollowUp = new NearCodes(followUpCodes);
  const nearBaseline = new NearCodes(baselineCodes);
  for (const code of baselineCodes) {
    if (matches.has(code)) continue;
    const candidates = nearFollowUp.near(code).filter((other) => !taken.has(other));
    if (candidates.length !== 1) continue;
    const [candidate] = candidates as [string];
    // The match must be unique from the other side too.
    const rivals = nearBaseline.near(candidate).filter((other) => !matches.has(other));
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
  const matches = matchSelfCodes(baselineCodes, codesOf(followUp));
  const baselineByKey = matches.size ? new Map(baseline.filter((r) => r.personKey).map((r) => [r.personKey!, r])) : new Map<string, ResponseRecord>();
  for (const [code, partnerCode] of matches) {
    pairs.push({ personKey: `c${code}`, baseline: baselineByKey.get(`c${code}`)!, followUp: followByKey.get(`c${partnerCode}`)! });
  }
  return { pairs, codeMatchRate: baselineCodes.length ? matches.size / baselineCodes.length : null };
}
