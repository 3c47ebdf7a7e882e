import { Router, type Request, type Response } from 'express';
import { requireProjectAccess } from '../auth/authorize.js';
import { projectParamsSchema } from '../projects/projectSchemas.js';
import type { ServiceDeps } from '../shared/serviceDeps.js';
import { validateRequest } from '../shared/validateRequest.js';
import { assertTwoRounds, pairQuery, roundQuery, type ExportRequests } from './exportRequest.js';
import { pairedTable, wideTable, type RecordTable } from './recordRows.js';
import { STAT_FORMATS } from './statFormats.js';

/**
 * The wide and paired exports as SPSS (.sav) and Stata (.dta) files: the rows of the CSV
 * (src/exports/recordRows.ts) with question texts as variable labels and the scales as value
 * labels; access, k rule, pseudonyms, a lead's date-only submission time, audit log and file
 * names as for every export (src/exports/exportRequest.ts).
 */
/** A table ready to send, and its file name for an extension. */
interface StatFile {
  table: RecordTable;
  name: (extension: string) => string;
}

export function statRoutes(deps: ServiceDeps, requests: ExportRequests): Router {
  const router = Router();
  const access = [requireProjectAccess(deps.dataSource), validateRequest({ params: projectParamsSchema })];

  async function wide(req: Request): Promise<StatFile> {
    const round = await requests.round(req, req.query.round);
    const reader = await requests.reader(req);
    return { table: wideTable(deps.dataSource, reader, round), name: (extension) => requests.fileName(reader.project, [round.round], 'wide', extension) };
  }

  async function paired(req: Request): Promise<StatFile> {
    assertTwoRounds(req.query);
    const baseline = await requests.round(req, req.query.baseline);
    const followUp = await requests.round(req, req.query.followup);
    const reader = await requests.reader(req);
    const table = await pairedTable(deps.dataSource, reader, baseline, followUp);
    return { table, name: (extension) => requests.fileName(reader.project, [baseline.round, followUp.round], 'paired', extension) };
  }

  for (const [extension, format] of Object.entries(STAT_FORMATS)) {
    // The file's own label (shown by SPSS and Stata) is its name without the extension.
    const send = (res: Response, { table, name }: StatFile) => {
      const filename = name(extension);
      return format.send(res, filename, table, { now: deps.clock(), label: filename.slice(0, -extension.length - 1) });
    };
    router.get(`/api/projects/:projectId/exports/wide.${extension}`, ...access, validateRequest({ query: roundQuery }), async (req, res) => {
      const file = await wide(req);
      await requests.audit(req, 'wide', { round: Number(req.query.round), format: extension });
      await send(res, file);
    });
    router.get(`/api/projects/:projectId/exports/paired.${extension}`, ...access, validateRequest({ query: pairQuery }), async (req, res) => {
      const file = await paired(req);
      await requests.audit(req, 'paired', { baseline: Number(req.query.baseline), followup: Number(req.query.followup), format: extension });
      await send(res, file);
    });
  }
  return router;
}
