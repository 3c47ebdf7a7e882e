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
  const unknown: { attribute: keyof SegmentFilter; value: string }[] = [];
  for (const attribute of Object.keys(segmentColumns) as (keyof SegmentFilter)[]) {
    const values = filter[attribute];
    if (!values?.length) continue;
    const wanted = [...new Set(values)];
    const column = exactText(dataSource, segmentColumns[attribute]);
    const rows = (await dataSource.query(
      `SELECT MIN(${segmentColumns[attribute]}) AS value FROM respondent r WHERE r.project_id = ? AND ${column} IN (${wanted.map(() => '?').join(', ')}) GROUP BY ${column}`,
      [projectId, ...wanted],
    )) as { value: string }[];
    const stored = new Set(rows.map((row) => row.value));
    unknown.push(...wanted.filter((value) => !stored.has(value)).map((value) => ({ attribute, value })));
    known[attribute] = wanted;
  }
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
