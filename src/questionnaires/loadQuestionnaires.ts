import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { compileSchema, describeAjvError } from '../shared/ajv.js';
import { StartupError } from '../shared/errors.js';
import { checkQuestionnaire } from './checkQuestionnaire.js';
import { describeJsonError } from './describeJsonError.js';
import type { Questionnaire } from './types.js';

// require() reads JSON without Node 20's "JSON modules are experimental" warning at every start.
const schema = createRequire(import.meta.url)('./questionnaire.schema.json') as { $id: string };

export interface FileProblem {
  file: string;
  path: string;
  message: string;
}

/** Every problem of one or more questionnaire files, one `<file>: <json path>: <message>` per line. */
export class QuestionnaireFileError extends StartupError {
  constructor(readonly problems: FileProblem[]) {
    super(problems.map((p) => `${p.file}: ${p.path}: ${p.message}`).join('\n'));
    this.name = 'QuestionnaireFileError';
  }
}

export interface CheckedQuestionnaire {
  /** Set when there are no problems. */
  questionnaire?: Questionnaire;
  problems: { path: string; message: string }[];
}

/**
 * The one checker of questionnaire text, used at start-up, by the CLI and by the admin pages and
 * API: JSON, the schema, the id (when one is expected) and the rules a schema cannot express.
 */
export function checkQuestionnaireText(text: string, expectedId?: { id: string; what: string }): CheckedQuestionnaire {
  // Editors on Windows may save a byte-order mark, which JSON.parse rejects.
  const source = text.replace(/^\uFEFF/, '');
  let data: unknown;
  try {
    data = JSON.parse(source);
  } catch (error) {
    return { problems: [{ path: '$', message: describeJsonError(error as Error, source) }] };
  }

  const problems = schemaProblems(data);
  const id = (data as { id?: unknown } | null)?.id;
  if (expectedId && typeof id === 'string' && id !== expectedId.id) {
    problems.push({ path: '$.id', message: `id "${id}" must equal ${expectedId.what} ("${expectedId.id}")` });
  }
  if (problems.length) return { problems };

  const { $schema: _editorHint, ...questionnaire } = data as Questionnaire & { $schema?: string };
  const semantic = checkQuestionnaire(questionnaire);
  return semantic.length ? { problems: semantic } : { questionnaire, problems: [] };
}

/** Parse and fully check one questionnaire file; `file` names it in messages and gives the expected id. */
export function parseQuestionnaireFile(file: string, text: string): Questionnaire {
  const checked = checkQuestionnaireText(text, { id: path.basename(file, '.json'), what: 'the file name without .json' });
  if (!checked.questionnaire) throw new QuestionnaireFileError(checked.problems.map((p) => ({ file, ...p })));
  return checked.questionnaire;
}

/** The *.json files of a directory, sorted, as paths joined to `dir`. */
export function questionnaireFiles(dir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch (error) {
    throw new StartupError(`${dir}: cannot read the questionnaire directory (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  return names.filter((name) => name.endsWith('.json')).sort().map((name) => path.join(dir, name));
}

export function duplicateIdProblems(loaded: { file: string; questionnaire: Questionnaire }[]): FileProblem[] {
  const firstFile = new Map<string, string>();
  const problems: FileProblem[] = [];
  for (const { file, questionnaire } of loaded) {
    const other = firstFile.get(questionnaire.id);
    if (other) problems.push({ file, path: '$.id', message: `questionnaire id "${questionnaire.id}" is also used by ${other}` });
    else firstFile.set(questionnaire.id, file);
  }
  return problems;
}

/** Load every questionnaire in `dir`, reporting the problems of all files at once. */
export function loadQuestionnaires(dir: string): Questionnaire[] {
  const problems: FileProblem[] = [];
  const loaded: { file: string; questionnaire: Questionnaire }[] = [];
  for (const file of questionnaireFiles(dir)) {
    try {
      loaded.push({ file, questionnaire: parseQuestionnaireFile(file, readFileSync(file, 'utf8')) });
    } catch (error) {
      if (!(error instanceof QuestionnaireFileError)) throw error;
      problems.push(...error.problems);
    }
  }
  problems.push(...duplicateIdProblems(loaded));
  if (problems.length) throw new QuestionnaireFileError(problems);
  return loaded.map((l) => l.questionnaire);
}

function schemaProblems(data: unknown): { path: string; message: string }[] {
  const validate = compileSchema<Questionnaire>(schema);
  if (validate(data)) return [];
  const unique = new Map<string, { path: string; message: string }>();
  for (const error of validate.errors ?? []) {
    // An item's if/then only adds "must match then schema" beside the real errors of its kind.
    if (error.keyword === 'if') continue;
    const problem = describeAjvError(error);
    unique.set(`${problem.path}: ${problem.message}`, problem);
  }
  return [...unique.values()];
}
