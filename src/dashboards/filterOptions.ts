import type { DataSource } from 'typeorm';
import type { ProjectDetails } from '../projects/projectService.js';
import type { RespondentAttribute } from '../projects/reportableAttributes.js';

export type FilterOptions = Partial<Record<RespondentAttribute, string[]>>;

const distinct = (values: (string | null | undefined)[]) => [...new Set(values.filter((v): v is string => Boolean(v)))].sort((a, b) => a.localeCompare(b, 'da'));

/**
 * The values the dashboard's filters offer, only for the attributes the caller may see. Teams are
 * listed by name alone: naming their municipality beside them would show a lead who may filter
 * by team but not by municipality which municipality a team belongs to.
 */
export async function filterOptions(dataSource: DataSource, project: ProjectDetails, visible: Set<RespondentAttribute>): Promise<FilterOptions> {
  const options: FilterOptions = {};
  if (visible.has('municipality')) options.municipality = distinct(project.units.map((u) => u.municipality));
  if (visible.has('team')) options.team = distinct(project.units.map((u) => u.team));
  if (visible.has('group')) options.group = project.groups.map((g) => g.name);
  if (visible.has('role')) {
    const rows = await dataSource.query('SELECT DISTINCT role FROM respondent WHERE project_id = ? AND role IS NOT NULL', [project.id]) as { role: string }[];
    options.role = distinct(rows.map((row) => row.role));
  }
  for (const [attribute, values] of Object.entries(options)) if (!values.length) delete options[attribute as RespondentAttribute];
  return options;
}
