import type { DataSource } from 'typeorm';
import { exactText } from '../db/exactText.js';
import type { Project } from '../db/entities/index.js';
import { visibleAttributes } from '../projects/reportableAttributes.js';

export interface MonitorRow {
  municipality: string | null;
  team: string | null;
  group: string | null;
  invited: number;
  mailed: number;
  reminders: number;
  opened: number;
  started: number;
  submitted: number;
  responseRate: number | null;
  /** Set on the row "Øvrige" that a lead sees in place of the units under k. */
  other?: true;
}

export interface RoundMonitor {
  roundId: number;
  units: MonitorRow[];
  total: MonitorRow;
}

const COUNTS = ['invited', 'mailed', 'reminders', 'opened', 'started', 'submitted'] as const;
const rate = (submitted: number, invited: number) => (invited > 0 ? submitted / invited : null);

/**
 * Invited → opened → started (a draft or an answer) → submitted, per unit and group, counted in
 * one GROUP BY on exact values (as the filters tell values apart). Anonymous open-link answers
 * have no unit and show as their own row.
 */
export async function roundMonitor(dataSource: DataSource, roundIds: number[]): Promise<Map<number, RoundMonitor>> {
  const result = new Map<number, RoundMonitor>();
  if (roundIds.length === 0) return result;
  const rows = await dataSource.query(
    `SELECT i.round_id AS roundId, MIN(r.municipality) AS municipality, MIN(r.team) AS team, MIN(r.group_name) AS groupName,
            COUNT(*) AS invited,
            SUM(CASE WHEN i.sent_at IS NOT NULL THEN 1 ELSE 0 END) AS mailed,
            SUM(i.reminder_count) AS reminders,
            SUM(CASE WHEN i.opened_at IS NOT NULL OR s.id IS NOT NULL THEN 1 ELSE 0 END) AS opened,
            SUM(CASE WHEN d.id IS NOT NULL OR s.id IS NOT NULL THEN 1 ELSE 0 END) AS started,
            SUM(CASE WHEN s.id IS NOT NULL THEN 1 ELSE 0 END) AS submitted
       FROM invitation i
       LEFT JOIN respondent r ON r.id = i.respondent_id
       LEFT JOIN draft d ON d.invitation_id = i.id
       LEFT JOIN response s ON s.invitation_id = i.id
      WHERE i.round_id IN (${roundIds.map(() => '?').join(', ')})
      GROUP BY i.round_id, ${['r.municipality', 'r.team', 'r.group_name'].map((column) => exactText(dataSource, column)).join(', ')}
      ORDER BY municipality, team, groupName`,
    roundIds,
  ) as Record<string, unknown>[];
  for (const roundId of roundIds) result.set(roundId, { roundId, units: [], total: emptyRow() });
  for (const row of rows) {
    // MySQL returns COUNT and SUM as strings.
    const n = (key: string) => Number(row[key] ?? 0);
    const unit: MonitorRow = {
      municipality: (row.municipality as string | null) ?? null, team: (row.team as string | null) ?? null, group: (row.groupName as string | null) ?? null,
      invited: n('invited'), mailed: n('mailed'), reminders: n('reminders'), opened: n('opened'), started: n('started'), submitted: n('submitted'), responseRate: null,
    };
    unit.responseRate = rate(unit.submitted, unit.invited);
    const monitor = result.get(Number(row.roundId))!;
    monitor.units.push(unit);
    for (const key of COUNTS) monitor.total[key] += unit[key];
  }
  for (const monitor of result.values()) monitor.total.responseRate = rate(monitor.total.submitted, monitor.total.invited);
  return result;
}

/** A round's whole participation: what roundMonitor's `total` says of invited and submitted. */
export interface RoundTotal {
  invited: number;
  submitted: number;
  responseRate: number | null;
}

/**
 * Invited and submitted per round, as roundMonitor's totals count them, without its per-unit
 * GROUP BY over four joined tables (127 ms at 10,000 caseworkers × 2 rounds, on every dashboard
 * view, against ≈ 7 ms for each count here). A response belongs to the round of its invitation
 * (the submission stores the invitation's round), so counting responses per round counts the
 * invitations with a response.
 */
export async function roundTotals(dataSource: DataSource, roundIds: number[]): Promise<Map<number, RoundTotal>> {
  const placeholders = roundIds.map(() => '?').join(', ');
  const countsOf = async (table: 'invitation' | 'response') => {
    if (roundIds.length === 0) return new Map<number, number>();
    const rows = await dataSource.query(`SELECT round_id AS roundId, COUNT(*) AS n FROM ${table} WHERE round_id IN (${placeholders}) GROUP BY round_id`, roundIds) as { roundId: number | string; n: number | string }[];
    // MySQL returns COUNT as a string.
    return new Map(rows.map((row) => [Number(row.roundId), Number(row.n)]));
  };
  const [invited, submitted] = await Promise.all([countsOf('invitation'), countsOf('response')]);
  return new Map(roundIds.map((roundId) => {
    const total = { invited: invited.get(roundId) ?? 0, submitted: submitted.get(roundId) ?? 0 };
    return [roundId, { ...total, responseRate: rate(total.submitted, total.invited) }];
  }));
}

function emptyRow(): MonitorRow {
  return { municipality: null, team: null, group: null, invited: 0, mailed: 0, reminders: 0, opened: 0, started: 0, submitted: 0, responseRate: null };
}

function sumOf(rows: MonitorRow[], labels: Pick<MonitorRow, 'municipality' | 'team' | 'group'>): MonitorRow {
  const sum: MonitorRow = { ...emptyRow(), ...labels };
  for (const row of rows) for (const field of COUNTS) sum[field] += row[field];
  sum.responseRate = rate(sum.submitted, sum.invited);
  return sum;
}

/**
 * The monitor as a reader may see it. Admins see every unit. A lead sees the attributes the project
 * lets leads see (hidden ones blanked and the rows they split merged), and participation counts
 * follow k (analysis.md, "Participation counts"): a row is measured by the people it is about, its
 * invited caseworkers; rows under k go into one row "Øvrige", and while "Øvrige" itself holds
 * fewer than k the smallest shown row joins it. When nothing would be left beside "Øvrige" the
 * lead sees only the total.
 */
export function monitorForReader(monitor: RoundMonitor, project: Pick<Project, 'reportableAttributes' | 'anonymityK'>, user: { role: string }): RoundMonitor {
  if (user.role === 'admin') return monitor;
  const masked = maskMonitor(monitor, visibleAttributes(project, user));
  const k = project.anonymityK;
  const shown = masked.units.filter((unit) => unit.invited >= k);
  const other = masked.units.filter((unit) => unit.invited < k);
  const invitedIn = (rows: MonitorRow[]) => rows.reduce((sum, row) => sum + row.invited, 0);
  while (other.length > 0 && invitedIn(other) < k && shown.length > 0) {
    const smallest = shown.reduce((at, row, i) => (row.invited < shown[at]!.invited ? i : at), 0);
    other.push(...shown.splice(smallest, 1));
  }
  if (shown.length === 0) return { ...masked, units: [] };
  return { ...masked, units: other.length > 0 ? [...shown, { ...sumOf(other, { municipality: 'Øvrige', team: null, group: null }), other: true }] : shown };
}

/** The monitor with hidden attributes blanked and the rows they split merged. */
function maskMonitor(monitor: RoundMonitor, visible: Set<'municipality' | 'team' | 'group' | 'role'>): RoundMonitor {
  const merged = new Map<string, MonitorRow>();
  for (const unit of monitor.units) {
    // A hidden value shows as '–'; null stays for open-link answers, which have no attributes at all.
    const hide = (attribute: 'municipality' | 'team' | 'group', value: string | null) => (visible.has(attribute) || value === null ? value : '–');
    const masked: MonitorRow = { ...unit, municipality: hide('municipality', unit.municipality), team: hide('team', unit.team), group: hide('group', unit.group) };
    const key = JSON.stringify([masked.municipality, masked.team, masked.group]);
    const seen = merged.get(key);
    if (!seen) merged.set(key, masked);
    else for (const field of COUNTS) seen[field] += masked[field];
  }
  const units = [...merged.values()].map((unit) => ({ ...unit, responseRate: rate(unit.submitted, unit.invited) }));
  return { ...monitor, units };
}
