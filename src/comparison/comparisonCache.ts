import type { DataSource } from 'typeorm';

/**
 * Comparisons computed recently by this process, reused only while the data they were computed
 * from is unchanged: each entry carries the fingerprint (responses per round, the caseworkers'
 * version, the project's threshold and groups) read fresh from the database on every request, so
 * a submission or an import through any instance makes the next request compute anew.
 * A dashboard asks for the same comparison many times (page, report, chart reloads, several leads),
 * and a closed round never changes; recomputing from every answer row each time is what made the
 * 10,000-respondent comparison take seconds.
 */
export class ComparisonCache<T> {
  private readonly entries = new Map<string, { fingerprint: string; value: T }>();

  constructor(private readonly capacity: number) {}

  get(key: string, fingerprint: string): T | undefined {
    const entry = this.entries.get(key);
    if (!entry || entry.fingerprint !== fingerprint) return undefined;
    // Least recently used goes first: re-inserting moves the key to the end of the Map's order.
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry.value;
  }

  set(key: string, fingerprint: string, value: T): void {
    this.entries.delete(key);
    this.entries.set(key, { fingerprint, value });
    while (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value!);
  }
}

/** What a cache holds: each kind has its own entries and capacity (the first caller's). */
export type CacheKind = 'comparison' | 'trend' | 'participation';

const caches = new WeakMap<DataSource, Map<CacheKind, ComparisonCache<unknown>>>();

/** One cache of each kind per database connection, shared by the API and the dashboard pages of this process. */
export function comparisonCacheFor<T>(dataSource: DataSource, kind: CacheKind, capacity: number): ComparisonCache<T> {
  let kinds = caches.get(dataSource);
  if (!kinds) caches.set(dataSource, (kinds = new Map()));
  let cache = kinds.get(kind);
  if (!cache) kinds.set(kind, (cache = new ComparisonCache(capacity)));
  return cache as ComparisonCache<T>;
}
