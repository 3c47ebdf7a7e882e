import type { ProjectDetails } from './projectService.js';

/** The admin form's fields, as strings, exactly as posted and as shown again. */
export interface ProjectFormValues {
  name: string;
  defaultLanguage: string;
  anonymityK: string;
  groupIntervention: string;
  groupControl: string;
  units: string;
  leadEmails: string;
  reportableAttributes: string[];
  /** Undefined when the form did not post the field at all (the project keeps, or gets the default). */
  selfCodeElements?: string[];
}

const lines = (text: string) => text.split(/\r?\n/).map((line) => line.trim()).filter(Boolean);

/** Form strings → the API's input shape, so both go through the same schema and service. */
export function projectInputFromForm(values: ProjectFormValues): Record<string, unknown> {
  // One group per line in each box: any number of intervention and control arms.
  const groups = [
    ...lines(values.groupIntervention).map((name) => ({ name, kind: 'intervention' })),
    ...lines(values.groupControl).map((name) => ({ name, kind: 'control' })),
  ];
  return {
    name: values.name.trim(),
    defaultLanguage: values.defaultLanguage,
    anonymityK: /^\d+$/.test(values.anonymityK.trim()) ? Number(values.anonymityK.trim()) : values.anonymityK,
    groups,
    // "Aarhus / Team Nord" → a team in a municipality; "Aarhus" → the municipality alone.
    units: lines(values.units).map((line) => {
      const [municipality = '', ...team] = line.split('/').map((part) => part.trim());
      return team.join(' / ') ? { municipality, team: team.join(' / ') } : { municipality };
    }),
    leadEmails: lines(values.leadEmails),
    reportableAttributes: values.reportableAttributes,
    ...(values.selfCodeElements ? { selfCodeElements: values.selfCodeElements } : {}),
  };
}

/** Unticked checkboxes are not posted; a form with none ticked posts the hidden marker only. */
function ticked(body: Record<string, unknown> | undefined, name: string): string[] {
  const posted = body?.[name];
  return (Array.isArray(posted) ? posted : typeof posted === 'string' ? [posted] : []).map(String).filter((value) => value !== '');
}

export function projectFormValues(body: Record<string, unknown> | undefined): ProjectFormValues {
  const text = (name: string) => (typeof body?.[name] === 'string' ? (body[name] as string) : '');
  return {
    name: text('name'), defaultLanguage: text('defaultLanguage') || 'da', anonymityK: text('anonymityK'), groupIntervention: text('groupIntervention'),
    groupControl: text('groupControl'), units: text('units'), leadEmails: text('leadEmails'),
    reportableAttributes: ticked(body, 'reportableAttributes'),
    ...(body && 'selfCodeElements' in body ? { selfCodeElements: ticked(body, 'selfCodeElements') } : {}),
  };
}

export function formValuesOf(project: ProjectDetails): ProjectFormValues {
  return {
    name: project.name, defaultLanguage: project.defaultLanguage, anonymityK: String(project.anonymityK),
    groupIntervention: project.groups.filter((g) => g.kind === 'intervention').map((g) => g.name).join('\n'),
    groupControl: project.groups.filter((g) => g.kind === 'control').map((g) => g.name).join('\n'),
    units: project.units.filter((u) => u.team).map((u) => `${u.municipality} / ${u.team}`).concat(project.units.filter((u) => !u.team && !project.units.some((t) => t.team && t.municipality === u.municipality)).map((u) => u.municipality)).join('\n'),
    leadEmails: project.leadEmails.join('\n'),
    reportableAttributes: project.reportableAttributes,
    selfCodeElements: project.selfCodeElements,
  };
}

