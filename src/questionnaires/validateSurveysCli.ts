/**
 * `npm run validate-surveys [dir-or-file …]` (default: surveys/): check questionnaire files
 * before deploying them, with the same rules the server applies at start.
 */
import { readFileSync, statSync } from 'node:fs';
import { answerables } from './walkQuestionnaire.js';
import { duplicateIdProblems, parseQuestionnaireFile, QuestionnaireFileError, questionnaireFiles } from './loadQuestionnaires.js';
import type { Questionnaire } from './types.js';

function filesOf(target: string): string[] {
  return statSync(target).isDirectory() ? questionnaireFiles(target) : [target];
}

function main(targets: string[]): number {
  let failed = false;
  const loaded: { file: string; questionnaire: Questionnaire }[] = [];
  for (const target of targets) {
    let files: string[];
    try {
      files = filesOf(target);
    } catch (error) {
      console.error(`${target}: ${(error as Error).message}`);
      failed = true;
      continue;
    }
    for (const file of files) {
      try {
        const questionnaire = parseQuestionnaireFile(file, readFileSync(file, 'utf8'));
        loaded.push({ file, questionnaire });
        console.log(`ok ${file} (${answerables(questionnaire).length} items)`);
      } catch (error) {
        console.error(error instanceof QuestionnaireFileError ? error.message : `${file}: ${(error as Error).message}`);
        failed = true;
      }
    }
  }
  const duplicates = duplicateIdProblems(loaded);
  if (duplicates.length) {
    console.error(new QuestionnaireFileError(duplicates).message);
    failed = true;
  }
  return failed ? 1 : 0;
}

const args = process.argv.slice(2);
process.exitCode = main(args.length ? args : ['surveys']);
