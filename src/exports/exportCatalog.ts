import type { RespondentAttribute } from '../projects/reportableAttributes.js';

/** One file format of an export: what the link says, a few words on what the format gives, and the file under /api/projects/{id}/exports/. */
export interface ExportFormat {
  label: string;
  note: string;
  file: string;
  /** Extra query parameters, e.g. the CSV dialect. */
  query?: Record<string, string>;
}

/**
 * An export as the Data page lists it: one dataset (of a round, a pair of rounds or the project),
 * one sentence on what it holds and who may take it, and a link per format. To offer a new export
 * or format, add it here (a format to `formats`, a new dataset as a new entry) and its route under
 * src/exports/; the Data page, its test and the README's table follow this list.
 */
export interface ExportDescription {
  scope: 'round' | 'pair' | 'project';
  /** Record-level (one row per person or answer): refused a lead below k; figures and codebooks are not. */
  recordLevel: boolean;
  title: (rounds: string[]) => string;
  description: (rounds: string[], who: string) => string;
  formats: ExportFormat[];
}

const excel = (file: string, note = 'åbner direkte i Excel og LibreOffice, med kodebogen på sit eget ark'): ExportFormat => ({ label: 'Excel (.xlsx)', note, file });
/** The two CSV dialects: RFC 4180 for R, SPSS and Stata, and `;` with decimal commas for Danish Excel. */
const csv = (file: string): ExportFormat[] => [
  { label: 'CSV', note: 'komma mellem felterne og punktum i decimaltal, som R, SPSS og Stata læser', file },
  { label: 'CSV til dansk Excel', note: 'semikolon og decimalkomma, så dansk Excel deler kolonnerne rigtigt', file, query: { dialect: 'excel-da' } },
];
/** What the statistics files add to the CSV's rows (src/exports/statVariables.ts). */
const statistics = (name: string): ExportFormat[] => [
  { label: 'SPSS (.sav)', note: 'spørgsmål og svarkategorier som etiketter og „ved ikke“ som manglende værdi', file: `${name}.sav` },
  { label: 'Stata (.dta)', note: 'Stata 14 eller nyere, spørgsmål og svarkategorier som etiketter og „ved ikke“ som .a', file: `${name}.dta` },
];

export const EXPORT_DESCRIPTIONS: ExportDescription[] = [
  {
    scope: 'round', recordLevel: true,
    title: ([round]) => `Bred: én række pr. besvarelse (${round})`,
    description: ([round], who) => `Hver besvarelse i runden ${round} på én række og hvert spørgsmål i sin kolonne (svarkoder), personerne under pseudonym (P-nummer) med indsendelsestidspunkt, for ledere kun datoen; ${who}.`,
    formats: [excel('wide.xlsx'), ...csv('wide.csv'), ...statistics('wide')],
  },
  {
    scope: 'round', recordLevel: true,
    title: ([round]) => `Lang: én række pr. svar (${round})`,
    description: ([round], who) => `Hvert svar i runden ${round} på sin egen række, med svarkode og svartekst, personerne under pseudonym (P-nummer) med indsendelsestidspunkt, for ledere kun datoen; ${who}.`,
    formats: csv('long.csv'),
  },
  {
    scope: 'pair', recordLevel: false,
    title: ([from, to]) => `Tal og figurer (${from} → ${to})`,
    description: ([from, to]) => `Tabellerne bag figurerne på Resultater for ${from} og ${to}, ét ark pr. afsnit, med tal som tal og andele som procenter; alle, der må se Resultater, kan hente den, og tal bygget på for få svar er udeladt som dér.`,
    formats: [excel('figures.xlsx', 'åbner direkte i Excel og LibreOffice')],
  },
  {
    scope: 'pair', recordLevel: true,
    title: ([from, to]) => `Parret: samme personer i ${from} og ${to}`,
    description: ([from, to], who) => `Én række pr. person, der har svaret i både ${from} og ${to}, med hvert spørgsmål som to kolonner (_start og _end); ${who}.`,
    formats: [excel('paired.xlsx'), ...csv('paired.csv'), ...statistics('paired')],
  },
  {
    scope: 'project', recordLevel: false,
    title: () => 'Kodebog',
    description: () => 'Hvert spørgsmål med dansk og engelsk tekst, svarkoderne og deres betydning og de runder, det er stillet i; administratorer og projektets ledere kan hente den, og den rummer ingen svar.',
    formats: csv('codebook.csv'),
  },
  {
    scope: 'project', recordLevel: false,
    title: () => 'R-script',
    description: () => 'Læser en bred eller parret CSV-eksport (begge udgaver) sammen med kodebogen: ordnede svarskalaer som ordnede faktorer, „ved ikke“ som NA med en særskilt ved_ikke-kolonne og spørgsmålsteksten på hver kolonne; administratorer og projektets ledere kan hente det, og det rummer ingen svar.',
    formats: [{ label: 'R (pejling.R)', note: 'til base R: source("pejling.R") eller Rscript pejling.R', file: 'pejling.R' }],
  },
];

export interface ExportLink {
  title: string;
  description: string;
  formats: { label: string; note: string; href: string }[];
}

export interface ExportCatalog {
  rounds: { label: string; links: ExportLink[] }[];
  pairs: { label: string; links: ExportLink[] }[];
  project: ExportLink[];
}

const ATTRIBUTE_NAMES: Record<RespondentAttribute, string> = { municipality: 'kommune', team: 'team', group: 'gruppe', role: 'rolle' };

/** "kun med kommune, team og gruppe", or "uden oplysninger om sagsbehandlerne". */
function withAttributes(attributes: RespondentAttribute[]): string {
  const names = attributes.map((a) => ATTRIBUTE_NAMES[a]);
  if (names.length === 0) return 'uden oplysninger om sagsbehandlerne';
  return `kun med ${names.length === 1 ? names[0]! : `${names.slice(0, -1).join(', ')} og ${names.at(-1)}`}`;
}

/**
 * Every export the reader may take, with its sentence and links. Record-level files are left out
 * when the reader is a lead and the k rule refuses them (`recordLevel: false`); the page says why.
 */
export function exportCatalog(input: {
  projectId: number;
  rounds: { id: number; label: string }[];
  /** The attributes a lead's rows carry (admins get all). */
  leadAttributes: RespondentAttribute[];
  recordLevel: boolean;
}): ExportCatalog {
  const base = `/api/projects/${input.projectId}/exports`;
  const who = `administratorer og projektets ledere kan hente den, lederne uden fritekstsvar og ${withAttributes(input.leadAttributes)}`;
  const linksOf = (scope: ExportDescription['scope'], labels: string[], query: Record<string, string>): ExportLink[] => EXPORT_DESCRIPTIONS
    .filter((e) => e.scope === scope && (input.recordLevel || !e.recordLevel))
    .map((e) => ({
      title: e.title(labels),
      description: e.description(labels, who),
      formats: e.formats.map((f) => {
        const search = new URLSearchParams({ ...query, ...f.query }).toString();
        return { label: f.label, note: f.note, href: `${base}/${f.file}${search ? `?${search}` : ''}` };
      }),
    }));
  const pairs = input.rounds.flatMap((baseline, i) => input.rounds.slice(i + 1).map((followUp) => ({
    label: `${baseline.label} → ${followUp.label}`,
    links: linksOf('pair', [baseline.label, followUp.label], { baseline: String(baseline.id), followup: String(followUp.id) }),
  })));
  return {
    rounds: input.rounds.map((round) => ({ label: round.label, links: linksOf('round', [round.label], { round: String(round.id) }) })).filter((r) => r.links.length),
    pairs: pairs.filter((p) => p.links.length),
    project: linksOf('project', [], {}),
  };
}
