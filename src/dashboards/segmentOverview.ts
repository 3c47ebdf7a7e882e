import type { DataSource } from 'typeorm';
import { isEmptyFilter, segmentCondition, type SegmentFilter } from '../comparison/segmentFilter.js';
import { roundTotals } from '../rounds/roundMonitor.js';

export interface OverviewRow {
  roundId: number;
  /** null: fewer than k, not shown. */
  invited: number | null;
  submitted: number | null;
  responseRate: number | null;
}

/**
 * Invited, submitted and response rate per round for the dashboard's overview, for the segment
 * the filters choose. The whole project's figures are the round monitor's totals (roundTotals). For a segment the
 * submitted counts are the comparison's own N per round (figures the view shows anyway, checked by
 * the differencing guard), and the invited count is shown only when it reaches k, like every
 * participation count a lead sees.
 */
export async function segmentOverview(dataSource: DataSource, request: { roundIds: [number, number]; filter: SegmentFilter; k: number; submitted: [number, number] }): Promise<OverviewRow[]> {
  if (isEmptyFilter(request.filter)) {
    const totals = await roundTotals(dataSource, request.roundIds);
    return request.roundIds.map((roundId) => ({ roundId, ...totals.get(roundId)! }));
  }
  const condition = segmentCondition(request.filter, dataSource);
  const rows = await dataSource.query(
    `SELECT i.round_id AS roundId, COUNT(*) AS invited FROM invitation i JOIN respondent r ON r.id = i.respondent_id
      WHERE i.round_id IN (?, ?) AND ${condition.sql} GROUP BY i.round_id`,
    [...request.roundIds, ...condition.params],
  ) as { roundId: number | string; invited: number | string }[];
  return request.roundIds.map((roundId, index) => {
    // MySQL returns COUNT as a string.
    const counted = Number(rows.find((row) => Number(row.roundId) === roundId)?.invited ?? 0);
    const invited = counted >= request.k ? counted : null;
    const submitted = request.submitted[index]!;
    return { roundId, invited, submitted, responseRate: invited ? submitted / invited : null };
  });
}
