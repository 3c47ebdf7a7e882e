import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import { parseQuestionnaireFile, QuestionnaireFileError } from '../../../src/questionnaires/loadQuestionnaires.js';

const dir = path.resolve(import.meta.dirname, '../../fixtures/broken-questionnaires');

/** One fault per fixture file, and the exact place it must be reported. */
const cases: { file: string; path: string; message: RegExp }[] = [
  { file: 'invalid-json.json', path: '$', message: /invalid JSON at line 79, column 3/ },
  { file: 'missing-title-en.json', path: '$.title', message: /must have property "en"/ },
  { file: 'unknown-item-kind.json', path: '$.sections[0].items[1].kind', message: /must be one of/ },
  { file: 'unknown-scale.json', path: '$.sections[0].items[1].scale', message: /unknown scale "agreement"/ },
  { file: 'duplicate-item-id.json', path: '$.sections[0].items[3].statements[0].id', message: /duplicate item id "mood"/ },
  { file: 'show-if-unknown-item.json', path: '$.sections[0].items[2].showIf.item', message: /unknown item "happiness"/ },
  { file: 'show-if-later-item.json', path: '$.sections[0].items[0].showIf.item', message: /must come before/ },
  { file: 'show-if-code-not-on-scale.json', path: '$.sections[0].items[2].showIf.anyOf[1]', message: /code 3 is not an option/ },
  { file: 'max-item-not-number.json', path: '$.sections[0].items[2].maxItem', message: /must refer to a number item/ },
  { file: 'min-greater-than-max.json', path: '$.sections[0].items[0].min', message: /must not be greater than max/ },
  { file: 'indicator-unknown-item.json', path: '$.indicators[0].denominator', message: /unknown item "case_load"/ },
  { file: 'id-not-file-name.json', path: '$.id', message: /must equal the file name/ },
  { file: 'unknown-property.json', path: '$.sections[0].items[1]', message: /unknown property "colour"/ },
];

function problemLines(file: string): string[] {
  const fullPath = path.join(dir, file);
  try {
    parseQuestionnaireFile(fullPath, readFileSync(fullPath, 'utf8'));
  } catch (error) {
    expect(error).to.be.instanceOf(QuestionnaireFileError);
    return (error as Error).message.split('\n');
  }
  expect.fail(`${file} was accepted`);
}

describe('broken questionnaire files', () => {
  for (const c of cases) {
    it(`rejects ${c.file} at ${c.path}`, () => {
      const lines = problemLines(c.file);
      expect(lines, lines.join('\n')).to.have.length(1);
      const [line] = lines as [string];
      expect(line.startsWith(`${path.join(dir, c.file)}: ${c.path}: `), line).to.equal(true);
      expect(line).to.match(c.message);
    });
  }

  it('has a case for every fixture file', () => {
    expect(readdirSync(dir).sort()).to.deep.equal(cases.map((c) => c.file).sort());
  });
});
