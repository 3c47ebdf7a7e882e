import type { DataSource } from 'typeorm';
import { exactText } from '../db/exactText.js';
import { BadRequestError } from '../shared/errors.js';
import { segmentColumns, type SegmentFilter } from './segmentFilter.js';

const labels: Record<keyof SegmentFilter, string> = { municipality: 'kommune', team: 'team', group: 'gruppe', role: 'rolle' };

/**
 * The filter with each value once, after checking that every value is exactly one the project's
 * caseworkers are stored with. "t1" for a stored "T1", "T1 " or a decomposed "Bøgelund" is
 * refused naming the value, never mapped: a value means exactly one stored value (analysis.md,
 * "Anonymity"), so no request can reach people the segment guard did not count.
 */
export async function knownSegmentFilter(dataSource: DataSource, projectId: number, filter: SegmentFilter): Promise<SegmentFilter> {
  const known: SegmentFilter = {};
  for (const attribute of Object.keys(segmentColumns) as (keyof SegmentFilter)[]) {
    if (filter[attribute]?.length) known[attribute] = [...new Set(filter[attribute])];
  }
  const asked = Object.entries(known) as [keyof SegmentFilter, string[]][];
  if (asked.length === 0) return known;
  // One round trip: the stored values among those asked for, per attribute, each exactly once.
  const selects = asked.map(([attribute, values]) => {
    const column = exactText(dataSource, segmentColumns[attribute]);
    return `SELECT '${attribute}' AS attribute, MIN(${segmentColumns[attribute]}) AS value FROM respondent r WHERE r.project_id = ? AND ${column} IN (${values.map(() => '?').join(', ')}) GROUP BY ${column}`;
  });
  const rows = (await dataSource.query(selects.join(' UNION ALL '), asked.flatMap(([, values]) => [projectId, ...values]))) as { attribute: string; value: string }[];
  const stored = new Set(rows.map((row) => JSON.stringify([row.attribute, row.value])));
  const unknown = asked.flatMap(([attribute, values]) => values.filter((value) => !stored.has(JSON.stringify([attribute, value]))).map((value) => ({ attribute, value })));
  if (unknown.length > 0) {
    const named = unknown.map(({ attribute, value }) => `${labels[attribute]} „${value}“`).join(', ');
    throw new BadRequestError(
      `Ukendt værdi i filteret: ${named}. En værdi skal stå præcis, som projektet har den, med samme store og små bogstaver og uden ekstra mellemrum. (Unknown segment value: ${unknown.map(({ attribute, value }) => `${attribute}=${JSON.stringify(value)}`).join(', ')} is not one of this project's values.)`,
      unknown.map(({ attribute, value }) => ({ field: `query.${attribute}`, message: `unknown value ${JSON.stringify(value)}` })),
      'unknown_segment_value',
    );
  }
  return known;
}
