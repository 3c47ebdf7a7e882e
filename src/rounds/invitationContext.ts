import { DataSource, type EntityManager } from 'typeorm';
import { Invitation, Project, ProjectTexts, Response, Round } from '../db/entities/index.js';
import { runPrepared } from '../db/preparedStatement.js';
import { projectTextsFromContent } from '../projectTexts/projectTextsService.js';
import type { ProjectTextsInput } from '../projectTexts/textSchemas.js';
import type { CatalogEntry, QuestionnaireCatalog } from '../questionnaires/questionnaireCatalog.js';
import { AppError } from '../shared/errors.js';
import { hashInvitationToken, looksLikeInvitationToken } from './invitationTokens.js';
import { roundAvailability } from './roundAvailability.js';

/**
 * What deciding whether a link may be answered now, and storing its answers, needs of it. A
 * submission through the API reads only this (findAnswerableLink): the whole rows cost it more
 * than its own INSERTs (see BENCHMARKS.md).
 */
export interface AnswerableLink {
  invitation: Pick<Invitation, 'id' | 'respondentId'>;
  round: Pick<Round, 'id' | 'status' | 'opensAt' | 'closesAt' | 'questionnaireVersionId'>;
  project: Pick<Project, 'id' | 'defaultLanguage'>;
  questionnaire: CatalogEntry;
  submittedAt: Date | null;
  /** Whether a draft was saved for the link when it was looked up. */
  hasDraft: boolean;
  /** The caseworker was deactivated: their link shows that it is no longer active and saves nothing. */
  respondentInactive?: boolean;
}

/** Everything a personal link leads to. */
export interface InvitationContext extends AnswerableLink {
  invitation: Invitation;
  round: Round;
  project: Project;
  /** The project's texts (privacy notice, contact), read with the link when the caller asked for them (the form page shows them). */
  projectTexts?: ProjectTextsInput;
}

export interface LookupOptions {
  /** Read the project's texts in the same SELECT: the form page needs them, a submission does not. */
  withProjectTexts?: boolean;
}

export type UnavailableReason = 'unknown' | 'not_yet_open' | 'closed' | 'already_submitted' | 'inactive';

/** Why a link cannot be used to answer now; the form turns each into a page that says what to do. */
export class InvitationUnavailableError extends AppError {
  constructor(
    readonly reason: UnavailableReason,
    readonly context?: AnswerableLink,
  ) {
    const statusByReason = { unknown: 404, not_yet_open: 403, closed: 410, already_submitted: 409, inactive: 410 } as const;
    const codes = { unknown: 'invitation_unknown', not_yet_open: 'round_not_open', closed: 'round_closed', already_submitted: 'already_submitted', inactive: 'link_inactive' } as const;
    const messages = {
      unknown: 'This link is not valid. Check that you copied the whole link from your invitation.',
      not_yet_open: 'The survey is not open yet.',
      closed: 'The survey is closed and no longer takes answers.',
      already_submitted: 'Answers have already been submitted with this link.',
      inactive: 'Linket er ikke længere aktivt, og der gemmes ingen svar (this link is no longer active; nothing is saved).',
    } as const;
    super(statusByReason[reason], codes[reason], messages[reason],
      reason === 'not_yet_open' && context?.round.opensAt ? { opensAt: context.round.opensAt.toISOString() } : undefined);
  }
}

/**
 * Finds the invitation a request answers with, inside the transaction of the write (or on the
 * data source for a read): a personal link by its token, an open-link visitor by their resume secret.
 * A resolver that only reads says so (readsOnly): a submission may then look the link up before its
 * transaction begins (submissionService.ts). One that may write (the open link creates a visitor's
 * invitation) runs inside it.
 */
export type InvitationResolver<C extends AnswerableLink = InvitationContext> = ((db: DataSource | EntityManager, now: Date) => Promise<C>) & { readsOnly?: true };

/** Mark a resolver as one that only reads. */
function readingOnly<C extends AnswerableLink>(resolve: (db: DataSource | EntityManager, now: Date) => Promise<C>): InvitationResolver<C> {
  return Object.assign(resolve, { readsOnly: true as const });
}

type Row = Record<string, unknown>;

/** Which columns a lookup reads: whole rows, whole rows and the project's texts, or an AnswerableLink's. */
type LookupShape = 'whole' | 'wholeWithProjectTexts' | 'answerable';

/** The properties an AnswerableLink holds of each row. */
const ANSWERABLE_PROPERTIES = {
  i: ['id', 'respondentId'],
  r: ['id', 'status', 'opensAt', 'closesAt', 'questionnaireVersionId'],
  p: ['id', 'defaultLanguage'],
} as const;

const ENTITIES = { i: Invitation, r: Round, p: Project } as const;

// Each data source's lookup SQL, written once per shape.
const lookupSqlBySource = new WeakMap<DataSource, Record<LookupShape, string>>();

/** The columns of `alias`'s entity a shape reads: all of them, or an AnswerableLink's. */
function columnsOf(dataSource: DataSource, alias: keyof typeof ENTITIES, shape: LookupShape) {
  const metadata = dataSource.getMetadata(ENTITIES[alias]);
  if (shape !== 'answerable') return metadata.columns;
  return ANSWERABLE_PROPERTIES[alias].map((property) => metadata.findColumnWithPropertyName(property)!);
}

/**
 * The one SELECT behind a link: the invitation with its round and project, the time of any
 * response, any draft, and whether its respondent was erased or deactivated; with the project's
 * texts when asked (a form view then needs no second round trip for its privacy notice). The
 * column lists come from the entity metadata, so the query follows the entities without a query
 * builder running per call.
 */
function lookupSql(dataSource: DataSource, shape: LookupShape): string {
  let sql = lookupSqlBySource.get(dataSource);
  if (!sql) {
    const q = (name: string) => dataSource.driver.escape(name);
    const columns = (alias: keyof typeof ENTITIES, of: LookupShape) =>
      columnsOf(dataSource, alias, of).map((column) => `${alias}.${q(column.databaseName)} AS ${q(`${alias}_${column.databaseName}`)}`);
    const texts = dataSource.getMetadata(ProjectTexts);
    const textsColumn = (property: string) => q(texts.findColumnWithPropertyName(property)!.databaseName);
    const select = (of: LookupShape, extraColumns: string, extraJoin: string) => `SELECT ${[...columns('i', of), ...columns('r', of), ...columns('p', of)].join(', ')},
           s.submitted_at AS s_submitted_at, d.id AS d_id, e.erased_at AS e_erased_at, e.active AS e_active${extraColumns}
      FROM ${q('invitation')} i
      JOIN ${q('round')} r ON r.id = i.round_id
      JOIN ${q('project')} p ON p.id = r.project_id
      LEFT JOIN ${q('response')} s ON s.invitation_id = i.id
      LEFT JOIN ${q('draft')} d ON d.invitation_id = i.id
      LEFT JOIN ${q('respondent')} e ON e.id = i.respondent_id${extraJoin}
     WHERE i.token_hash = ?`;
    sql = {
      whole: select('whole', '', ''),
      wholeWithProjectTexts: select('whole', `, t.${textsColumn('content')} AS t_content`, `
      LEFT JOIN ${q(texts.tableName)} t ON t.${textsColumn('projectId')} = p.id`),
      answerable: select('answerable', '', ''),
    };
    lookupSqlBySource.set(dataSource, sql);
  }
  return sql[shape];
}

/** The entity (or the shape's part of it) from the columns `alias_*` of a raw row, each value converted as TypeORM itself would. */
function hydrate<T extends object>(dataSource: DataSource, alias: keyof typeof ENTITIES, row: Row, shape: LookupShape): T {
  // A part is a plain object: an entity instance would carry every other property as undefined.
  const entity = (shape === 'answerable' ? {} : new ENTITIES[alias]()) as T;
  for (const column of columnsOf(dataSource, alias, shape)) {
    column.setEntityValue(entity, dataSource.driver.prepareHydratedValue(row[`${alias}_${column.databaseName}`], column));
  }
  return entity;
}

/** The row behind a token in a shape, and the parts every shape has; undefined for an unknown link or an erased person's. */
async function lookUp(db: DataSource | EntityManager, catalog: QuestionnaireCatalog, token: string, shape: LookupShape) {
  if (!looksLikeInvitationToken(token)) return undefined;
  // One round trip, not one per table: on a submission each extra query cost a pooled connection
  // and TypeORM's per-query work, most of the request's time (see bench/submissionBench.ts).
  const dataSource = db instanceof DataSource ? db : db.connection;
  const [row] = (await runPrepared(db, lookupSql(dataSource, shape), [hashInvitationToken(token)])) as Row[];
  // An erased person's link dies with their name and email.
  if (!row || row.e_erased_at != null) return undefined;
  const round = hydrate<AnswerableLink['round']>(dataSource, 'r', row, shape);
  const questionnaire = catalog.byVersion(round.questionnaireVersionId);
  if (!questionnaire) throw new Error(`Round ${round.id} refers to unknown questionnaire version ${round.questionnaireVersionId}`);
  const submittedAtColumn = dataSource.getMetadata(Response).findColumnWithPropertyName('submittedAt')!;
  return {
    row,
    hydrate: <T extends object>(alias: keyof typeof ENTITIES) => hydrate<T>(dataSource, alias, row, shape),
    questionnaire,
    submittedAt: (dataSource.driver.prepareHydratedValue(row.s_submitted_at, submittedAtColumn) as Date | null | undefined) ?? null,
    hasDraft: row.d_id != null,
    // 0/1 (or a boolean) from the drivers; null for an open-link invitation, which has no respondent.
    respondentInactive: row.e_active != null && !Number(row.e_active),
  };
}

/** What a submission needs of a link, in a SELECT of those columns only. */
export async function findAnswerableLink(db: DataSource | EntityManager, catalog: QuestionnaireCatalog, token: string): Promise<AnswerableLink | undefined> {
  const found = await lookUp(db, catalog, token, 'answerable');
  if (!found) return undefined;
  const { row: _row, hydrate: part, ...rest } = found;
  return { ...rest, invitation: part('i'), round: part('r'), project: part('p') };
}

export async function findInvitationContext(
  db: DataSource | EntityManager,
  catalog: QuestionnaireCatalog,
  token: string,
  options: LookupOptions = {},
): Promise<InvitationContext | undefined> {
  const found = await lookUp(db, catalog, token, options.withProjectTexts ? 'wholeWithProjectTexts' : 'whole');
  if (!found) return undefined;
  const { row, hydrate: whole, ...rest } = found;
  return {
    ...rest,
    invitation: whole<Invitation>('i'),
    round: whole<Round>('r'),
    project: whole<Project>('p'),
    ...(options.withProjectTexts ? { projectTexts: projectTextsFromContent(row.t_content as string | null) } : {}),
  };
}

/** The context of a link that may be answered now, or the reason it may not. */
export async function requireAnswerableInvitation(
  db: DataSource | EntityManager,
  catalog: QuestionnaireCatalog,
  token: string,
  now: Date,
  options: LookupOptions = {},
): Promise<InvitationContext> {
  const context = await findInvitationContext(db, catalog, token, options);
  if (!context) throw new InvitationUnavailableError('unknown');
  return requireAnswerable(context, now);
}

/** The context itself when its link may be answered now, else the reason it may not. */
export function requireAnswerable<C extends AnswerableLink>(context: C, now: Date): C {
  if (context.respondentInactive) throw new InvitationUnavailableError('inactive', context);
  if (context.submittedAt) throw new InvitationUnavailableError('already_submitted', context);
  const availability = roundAvailability(context.round, now);
  if (availability !== 'open') throw new InvitationUnavailableError(availability, context);
  return context;
}

/** The resolver of a personal link. */
export function byToken(catalog: QuestionnaireCatalog, token: string): InvitationResolver {
  return readingOnly((db, now) => requireAnswerableInvitation(db, catalog, token, now));
}

/** The resolver of a personal link for a submission through the API, which needs no more than an AnswerableLink. */
export function answerableByToken(catalog: QuestionnaireCatalog, token: string): InvitationResolver<AnswerableLink> {
  return readingOnly(async (db, now) => {
    const link = await findAnswerableLink(db, catalog, token);
    if (!link) throw new InvitationUnavailableError('unknown');
    return requireAnswerable(link, now);
  });
}

/** Remember the first time a link was opened (for the response-rate monitor). */
export async function markInvitationOpened(db: DataSource, invitation: Invitation, now: Date): Promise<void> {
  if (invitation.openedAt) return;
  await db.getRepository(Invitation).createQueryBuilder().update().set({ openedAt: now })
    .where('id = :id AND opened_at IS NULL', { id: invitation.id }).execute();
}
