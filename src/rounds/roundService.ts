import type { Request } from 'express';
import { CronExpressionParser } from 'cron-parser';
import type { DataSource } from 'typeorm';
import { recordAudit } from '../audit/auditLog.js';
import { Round } from '../db/entities/index.js';
import type { QuestionnaireCatalog } from '../questionnaires/questionnaireCatalog.js';
import { refreshCatalog } from '../questionnaires/refreshCatalog.js';
import { roundNotFound } from '../auth/projectScopedIds.js';
import { BadRequestError } from '../shared/errors.js';
import { addDays, parseCopenhagenTime } from './copenhagenInput.js';
import { deriveLinkToken, newLinkNonce } from './invitationLinks.js';
import { hashInvitationToken } from './invitationTokens.js';
import type { InviteFilter, RoundInput } from './roundSchemas.js';

/** A rule broken by one field: the Danish message is shown beside the field on the admin page. */
function fieldError(field: string, danish: string, english: string): BadRequestError {
  return new BadRequestError(`${danish} (${field}: ${english})`, [{ field: `body.${field}`, message: danish }]);
}

/** Parse a cron expression in Danish time; null when it does not parse. */
export function parseRecurrence(expression: string, from: Date) {
  try {
    return CronExpressionParser.parse(expression, { tz: 'Europe/Copenhagen', currentDate: from });
  } catch {
    return null;
  }
}

export function reminderDaysOf(round: Pick<Round, 'reminderDays'>): number[] {
  return JSON.parse(round.reminderDays) as number[];
}

export function inviteFilterOf(round: Pick<Round, 'inviteFilter'>): InviteFilter {
  return round.inviteFilter ? (JSON.parse(round.inviteFilter) as InviteFilter) : {};
}

interface ValidatedSchedule {
  opensAt: Date;
  closesAt: Date;
  reminderDays: number[];
  recurrenceCron: string | null;
}

/** The rules between fields of a round's schedule; each failure names its field. */
function validateSchedule(input: { opensAt: string | Date; closesAt: string | Date; reminderDays?: number[]; recurrenceCron?: string | null }): ValidatedSchedule {
  const opensAt = input.opensAt instanceof Date ? input.opensAt : parseCopenhagenTime(input.opensAt);
  if (!opensAt) throw fieldError('opensAt', 'Skriv et gyldigt tidspunkt, fx 2026-03-02T09:00 (dansk tid).', 'is not a valid time (use YYYY-MM-DDTHH:mm, Danish time)');
  const closesAt = input.closesAt instanceof Date ? input.closesAt : parseCopenhagenTime(input.closesAt);
  if (!closesAt) throw fieldError('closesAt', 'Skriv et gyldigt tidspunkt, fx 2026-03-16T16:00 (dansk tid).', 'is not a valid time (use YYYY-MM-DDTHH:mm, Danish time)');
  if (closesAt.getTime() <= opensAt.getTime()) throw fieldError('closesAt', 'Skal ligge efter åbningstidspunktet.', 'must be after the opening time');
  const reminderDays = [...(input.reminderDays ?? [])].sort((a, b) => a - b);
  const late = reminderDays.find((days) => addDays(opensAt, days).getTime() >= closesAt.getTime());
  if (late !== undefined) throw fieldError('reminderDays', `En påmindelse ${late} dage efter åbning kommer efter, at runden er lukket.`, `a reminder ${late} days after opening would come after the round closes`);
  const recurrenceCron = input.recurrenceCron?.trim() || null;
  if (recurrenceCron && !parseRecurrence(recurrenceCron, opensAt)) throw fieldError('recurrenceCron', `„${recurrenceCron}“ er ikke et gyldigt cron-udtryk (fem felter: minut time dag måned ugedag).`, `"${recurrenceCron}" is not a cron expression (five fields: minute hour day month weekday)`);
  return { opensAt, closesAt, reminderDays, recurrenceCron };
}

function openLinkFields(secretKey: string, wanted: boolean | undefined, current: Pick<Round, 'openLinkNonce'> | undefined) {
  if (wanted === undefined) return {};
  if (!wanted) return { openLinkNonce: null, openLinkHash: null };
  if (current?.openLinkNonce) return {};
  const nonce = newLinkNonce();
  return { openLinkNonce: nonce, openLinkHash: hashInvitationToken(deriveLinkToken(secretKey, 'open-link', nonce)) };
}

/** Only a given label changes the stored one; null (or an empty object) goes back to the dates. */
function periodLabelFields(label: RoundInput['periodLabel']): Partial<Pick<Round, 'periodLabelDa' | 'periodLabelEn'>> {
  if (label === undefined) return {};
  return { periodLabelDa: label?.da?.trim() || null, periodLabelEn: label?.en?.trim() || null };
}

export class RoundService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly catalog: QuestionnaireCatalog,
    private readonly secretKey: string,
    private readonly clock: () => Date,
  ) {}

  async list(projectId: number): Promise<Round[]> {
    return this.dataSource.getRepository(Round).find({ where: { projectId }, order: { opensAt: 'ASC', id: 'ASC' } });
  }

  async get(projectId: number, roundId: number): Promise<Round> {
    const round = await this.dataSource.getRepository(Round).findOne({ where: { id: roundId, projectId } });
    if (!round) throw roundNotFound();
    return round;
  }

  async create(req: Request, projectId: number, input: RoundInput): Promise<Round> {
    // A questionnaire saved through another instance a moment ago is the one the admin means.
    await refreshCatalog(this.dataSource, this.catalog);
    const questionnaire = this.catalog.latest(input.questionnaireId);
    if (!questionnaire) throw fieldError('questionnaireId', `Spørgeskemaet „${input.questionnaireId}“ findes ikke. Vælg et af dem på listen.`, `no questionnaire "${input.questionnaireId}" (known: ${this.catalog.latestAll().map((e) => e.questionnaire.id).join(', ')})`);
    const schedule = validateSchedule(input);
    return this.dataSource.transaction(async (manager) => {
      const round = await manager.getRepository(Round).save({
        projectId, questionnaireVersionId: questionnaire.versionId, label: input.label.trim(), status: 'scheduled',
        opensAt: schedule.opensAt, closesAt: schedule.closesAt, reminderDays: JSON.stringify(schedule.reminderDays), recurrenceCron: schedule.recurrenceCron,
        parentRoundId: null, inviteFilter: JSON.stringify(input.inviteFilter ?? {}), openLinkNonce: null, openLinkHash: null,
        ...openLinkFields(this.secretKey, input.openLink, undefined), ...periodLabelFields(input.periodLabel),
      });
      await recordAudit(manager, req, { action: 'round.create', objectType: 'round', objectId: round.id, details: input }, this.clock());
      return round;
    });
  }

  /** Before opening everything may change; once open, only the closing time, reminders, the open link and the period's wording. */
  async update(req: Request, projectId: number, roundId: number, input: Partial<RoundInput>): Promise<Round> {
    const round = await this.get(projectId, roundId);
    if (round.status !== 'scheduled') {
      const locked = (['label', 'questionnaireId', 'opensAt', 'inviteFilter', 'recurrenceCron'] as const).find((field) => input[field] !== undefined);
      if (locked) throw fieldError(locked, 'Kan ikke ændres, når runden er åbnet.', 'cannot change once the round has opened');
    }
    const schedule = validateSchedule({
      opensAt: input.opensAt ?? round.opensAt!, closesAt: input.closesAt ?? round.closesAt!,
      reminderDays: input.reminderDays ?? reminderDaysOf(round), recurrenceCron: input.recurrenceCron === undefined ? round.recurrenceCron : input.recurrenceCron,
    });
    let questionnaireVersionId = round.questionnaireVersionId;
    if (input.questionnaireId) {
      const questionnaire = this.catalog.latest(input.questionnaireId);
      if (!questionnaire) throw fieldError('questionnaireId', `Spørgeskemaet „${input.questionnaireId}“ findes ikke.`, `no questionnaire "${input.questionnaireId}"`);
      questionnaireVersionId = questionnaire.versionId;
    }
    await this.dataSource.transaction(async (manager) => {
      await manager.getRepository(Round).update(round.id, {
        ...(input.label ? { label: input.label.trim() } : {}), questionnaireVersionId,
        opensAt: schedule.opensAt, closesAt: schedule.closesAt, reminderDays: JSON.stringify(schedule.reminderDays), recurrenceCron: schedule.recurrenceCron,
        ...(input.inviteFilter ? { inviteFilter: JSON.stringify(input.inviteFilter) } : {}),
        ...openLinkFields(this.secretKey, input.openLink, round), ...periodLabelFields(input.periodLabel),
      });
      await recordAudit(manager, req, { action: 'round.update', objectType: 'round', objectId: round.id, details: input }, this.clock());
    });
    return this.get(projectId, roundId);
  }
}
