import type { Request } from 'express';
import { DateTime } from 'luxon';
import { recordAudit } from '../audit/auditLog.js';
import { roundNotFound } from '../auth/projectScopedIds.js';
import { Project, Round } from '../db/entities/index.js';
import { visibleAttributes, type RespondentAttribute } from '../projects/reportableAttributes.js';
import type { Questionnaire } from '../questionnaires/types.js';
import { BadRequestError } from '../shared/errors.js';
import type { ServiceDeps } from '../shared/serviceDeps.js';
import { columnsOf, type Column } from './codebook.js';
import { assertExportKAnonymous } from './exportAnonymity.js';
import { exportFileName } from './fileNames.js';

/** What the person taking a record-level export may see in it. */
export interface ExportReader {
  project: Project;
  /** Attributes shown in the rows; the others are left blank. */
  visible: Set<RespondentAttribute>;
  /** Free text can name people: admins only. */
  includeText: boolean;
  /** Admins get the full timestamp; a lead the Danish date only, since the minute a person answered can single them out. */
  submittedAt: (iso: string) => string;
}

export interface ExportRound {
  round: Round;
  columns: Column[];
  /** The round's questionnaire: question texts and scales for the statistics formats' labels. */
  questionnaire: Questionnaire;
}

const roundId = { type: 'string', pattern: '^[1-9][0-9]{0,9}$' } as const;
/** The query of a round's record-level export (the CSV routes add their dialect). */
export const roundQuery = { $id: 'https://pejling.dk/schemas/export-round-query.json', type: 'object', additionalProperties: false, required: ['round'], properties: { round: roundId } } as const;
/** The query of a paired export: two rounds of the project. */
export const pairQuery = { $id: 'https://pejling.dk/schemas/export-pair-query.json', type: 'object', additionalProperties: false, required: ['baseline', 'followup'], properties: { baseline: roundId, followup: roundId } } as const;

/** Baseline and follow-up must differ; checked before anything is read. */
export function assertTwoRounds(query: Record<string, unknown>): void {
  if (query.baseline === query.followup) throw new BadRequestError('Vælg to forskellige runder. (baseline and followup must be two different rounds.)');
}

const danishDate = (iso: string) => DateTime.fromISO(iso).setZone('Europe/Copenhagen').toISODate()!;

/** The reading, checking and logging every export route does, in one place for the CSV, Excel, SPSS and Stata formats. */
export class ExportRequests {
  constructor(private readonly deps: ServiceDeps) {}

  async project(req: Request): Promise<Project> {
    return this.deps.dataSource.getRepository(Project).findOneByOrFail({ id: Number(req.params.projectId) });
  }

  /** The reader of record-level rows; refuses a lead rows that single out fewer than k people. */
  async reader(req: Request): Promise<ExportReader> {
    const project = await this.project(req);
    const visible = visibleAttributes(project, req.user!);
    await assertExportKAnonymous(this.deps.dataSource, project, visible, req.user!);
    const admin = req.user!.role === 'admin';
    return { project, visible, includeText: admin, submittedAt: admin ? (iso) => iso : danishDate };
  }

  async round(req: Request, id: unknown): Promise<ExportRound> {
    const round = await this.deps.dataSource.getRepository(Round).findOne({ where: { id: Number(id), projectId: Number(req.params.projectId) } });
    if (!round) throw roundNotFound();
    const { questionnaire } = this.deps.catalog.byVersion(round.questionnaireVersionId)!;
    return { round, columns: columnsOf(questionnaire), questionnaire };
  }

  audit(req: Request, kind: string, details: object): Promise<void> {
    return recordAudit(this.deps.dataSource, req, { action: `export.${kind}`, objectType: 'project', objectId: Number(req.params.projectId), details }, this.deps.clock());
  }

  fileName(project: { name: string }, rounds: Round[], what: string, extension: string): string {
    return exportFileName({ project: project.name, rounds: rounds.map((r) => r.label), what, extension, at: this.deps.clock() });
  }
}
