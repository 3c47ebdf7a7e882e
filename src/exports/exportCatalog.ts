import type { RespondentAttribute } from '../projects/reportableAttributes.js';

export interface ExportLink {
  href: string;
  /** The file's name as the link shows it. */
  name: string;
  /** One Danish sentence: what the file holds and who may take it. */
  description: string;
}

export interface ExportCatalog {
  project: ExportLink[];
  rounds: { label: string; links: ExportLink[] }[];
  pairs: { label: string; link: ExportLink }[];
}

const ATTRIBUTE_NAMES: Record<RespondentAttribute, string> = { municipality: 'kommune', team: 'team', group: 'gruppe', role: 'rolle' };

/** "med kommune, team og gruppe", or "uden oplysninger om sagsbehandlerne". */
function withAttributes(attributes: RespondentAttribute[]): string {
  const names = attributes.map((a) => ATTRIBUTE_NAMES[a]);
  if (names.length === 0) return 'uden oplysninger om sagsbehandlerne';
  return `kun med ${names.length === 1 ? names[0]! : `${names.slice(0, -1).join(', ')} og ${names.at(-1)}`}`;
}

/**
 * Every export in src/exports/routes.ts that a reader of the project may take, with the sentence
 * the Data page shows beside it. Record-level files (long, wide, paired) are left out when the
 * reader is a lead and the k rule refuses them (`recordLevel: false`); the page says why.
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
  const project: ExportLink[] = [
    { href: `${base}/codebook.csv`, name: 'Kodebog (codebook.csv)', description: 'Hvert spørgsmål med dansk og engelsk tekst, svarkoderne og deres betydning og de runder, det er stillet i; administratorer og projektets ledere kan hente den, og den rummer ingen svar.' },
    { href: `${base}/pejling.R`, name: 'R-script (pejling.R)', description: 'Et R-script, der læser en bred eller parret eksport sammen med kodebogen og sætter svarteksterne på; administratorer og projektets ledere kan hente det, og det rummer ingen svar.' },
  ];
  if (!input.recordLevel) return { project, rounds: [], pairs: [] };
  const rounds = input.rounds.map((round) => ({
    label: round.label,
    links: [
      { href: `${base}/wide.csv?round=${round.id}`, name: `Bred (${round.label}, wide.csv)`, description: `Én række pr. besvarelse i runden ${round.label} og én kolonne pr. spørgsmål (svarkoder), personerne under pseudonym (P-nummer); ${who}.` },
      { href: `${base}/long.csv?round=${round.id}`, name: `Lang (${round.label}, long.csv)`, description: `Én række pr. svar på hvert spørgsmål i runden ${round.label}, med svarkode og svartekst, personerne under pseudonym (P-nummer); ${who}.` },
    ],
  }));
  const pairs = input.rounds.flatMap((baseline, i) => input.rounds.slice(i + 1).map((followUp) => ({
    label: `${baseline.label} → ${followUp.label}`,
    link: {
      href: `${base}/paired.csv?baseline=${baseline.id}&followup=${followUp.id}`,
      name: `Parret (${baseline.label} og ${followUp.label}, paired.csv)`,
      description: `Én række pr. person, der har svaret i både ${baseline.label} og ${followUp.label}, med hvert spørgsmål som to kolonner (_start og _end); ${who}.`,
    },
  })));
  return { project, rounds, pairs };
}
