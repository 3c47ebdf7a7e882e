import type { DataSource } from 'typeorm';
import { exactText } from '../db/exactText.js';

/** A segment of respondents: any combination of unit, group and role (each one or more values). */
export interface SegmentFilter {
  municipality?: string[];
  team?: string[];
  group?: string[];
  role?: string[];
}

export const segmentColumns: Record<keyof SegmentFilter, string> = { municipality: 'r.municipality', team: 'r.team', group: 'r.group_name', role: 'r.role' };

/**
 * SQL condition on the respondent alias `r` with positional parameters (values are never spliced
 * in). Values are compared exactly on every driver: a value selects the people stored with exactly
 * it, never its case or space variants under a MySQL collation (analysis.md, "One meaning of a
 * segment value").
 */
export function segmentCondition(filter: SegmentFilter, dataSource: Pick<DataSource, 'options'>): { sql: string; params: string[] } {
  const parts: string[] = [];
  const params: string[] = [];
  for (const [key, column] of Object.entries(segmentColumns) as [keyof SegmentFilter, string][]) {
    const values = filter[key];
    if (!values?.length) continue;
    parts.push(`${exactText(dataSource, column)} IN (${values.map(() => '?').join(', ')})`);
    params.push(...values);
  }
  return { sql: parts.length ? parts.join(' AND ') : '1 = 1', params };
}

export const isEmptyFilter = (filter: SegmentFilter) => Object.values(filter).every((values) => !values?.length);
