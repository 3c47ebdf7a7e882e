import type { Project } from '../db/entities/index.js';
import { BadRequestError } from '../shared/errors.js';

export const RESPONDENT_ATTRIBUTES = ['municipality', 'team', 'group', 'role'] as const;
export type RespondentAttribute = (typeof RESPONDENT_ATTRIBUTES)[number];

const attributeNames: Record<RespondentAttribute, string> = { municipality: 'kommune', team: 'team', group: 'gruppe', role: 'rolle' };

export function reportableAttributesOf(project: Pick<Project, 'reportableAttributes'>): RespondentAttribute[] {
  const parsed = JSON.parse(project.reportableAttributes) as string[];
  return RESPONDENT_ATTRIBUTES.filter((attribute) => parsed.includes(attribute));
}

/** Admins see every attribute; a project lead only those the project marks as reportable. */
export function visibleAttributes(project: Pick<Project, 'reportableAttributes'>, user: { role: string }): Set<RespondentAttribute> {
  return new Set(user.role === 'admin' ? RESPONDENT_ATTRIBUTES : reportableAttributesOf(project));
}

/** A filter on an attribute the caller may not see is refused, naming the parameter. */
export function assertFilterVisible(filter: Partial<Record<RespondentAttribute, string[] | undefined>>, visible: Set<RespondentAttribute>): void {
  const hidden = RESPONDENT_ATTRIBUTES.filter((attribute) => filter[attribute]?.length && !visible.has(attribute));
  if (hidden.length > 0) {
    throw new BadRequestError(`Projektet viser ikke ${hidden.map((a) => attributeNames[a]).join(', ')} for projektledere, så der kan ikke filtreres på det. (${hidden.join(', ')}: not a reportable attribute in this project.)`, hidden.map((attribute) => ({ field: `query.${attribute}`, message: 'is not reportable in this project' })), 'attribute_not_reportable');
  }
}

/** Blank the attributes the caller may not see in a record. */
export function maskAttributes<T extends Partial<Record<RespondentAttribute, string | null>>>(record: T, visible: Set<RespondentAttribute>): T {
  const masked = { ...record };
  for (const attribute of RESPONDENT_ATTRIBUTES) if (attribute in masked && !visible.has(attribute)) (masked as Record<string, unknown>)[attribute] = null;
  return masked;
}
