import { createHash } from 'node:crypto';
import type { Request } from 'express';
import type { DataSource } from 'typeorm';
import { recordAudit } from '../audit/auditLog.js';
import { Respondent } from '../db/entities/index.js';
import { registerUnits } from '../projects/projectService.js';
import { AppError } from '../shared/errors.js';
import { decodeCsvBytes, type CsvEncoding } from './decodeCsvBytes.js';
import { parseCaseworkerCsv } from './parseCaseworkerCsv.js';
import { planImport, type ImportPlan } from './planImport.js';
import { markRespondentsChanged } from './respondentsChanged.js';

export interface ImportResult extends ImportPlan {
  encoding: CsvEncoding;
  /** Hash of the exact bytes previewed, so a confirmation saves what was shown. */
  contentHash: string;
  applied: boolean;
}

export class CaseworkerImportService {
  constructor(private readonly dataSource: DataSource, private readonly clock: () => Date) {}

  async preview(projectId: number, bytes: Buffer): Promise<ImportResult> {
    const { text, encoding } = decodeCsvBytes(bytes);
    const plan = await planImport(this.dataSource.manager, projectId, parseCaseworkerCsv(text));
    return { ...plan, encoding, contentHash: createHash('sha256').update(bytes).digest('hex'), applied: false };
  }

  /** All or nothing: re-plans inside the transaction and saves only a plan without errors. */
  async apply(req: Request, projectId: number, bytes: Buffer): Promise<ImportResult> {
    const { text, encoding } = decodeCsvBytes(bytes);
    const contentHash = createHash('sha256').update(bytes).digest('hex');
    return this.dataSource.transaction(async (manager) => {
      const plan = await planImport(manager, projectId, parseCaseworkerCsv(text));
      if (!plan.ok) throw new AppError(400, 'import_invalid', 'The file has errors; nothing was imported.', { ...plan, encoding, contentHash, applied: false });
      const repository = manager.getRepository(Respondent);
      for (const row of plan.rows) {
        const record = row.record!;
        const fields = { name: record.name, email: record.email, municipality: record.municipality, team: record.team, role: record.role, groupName: record.groupName, externalId: record.externalId, ...(record.language ? { language: record.language } : {}) };
        if (row.status === 'new') await repository.insert({ projectId, ...fields, language: record.language, active: true, erasedAt: null });
        else if (row.status === 'update') await repository.update(row.respondentId!, { ...fields, active: true });
      }
      await markRespondentsChanged(manager, projectId);
      await registerUnits(manager, projectId, plan.rows.map((row) => ({ municipality: row.record!.municipality, team: row.record!.team })));
      await recordAudit(manager, req, { action: 'respondents.import', objectType: 'project', objectId: projectId, details: { ...plan.counts, encoding, contentHash } }, this.clock());
      return { ...plan, encoding, contentHash, applied: true };
    });
  }
}
