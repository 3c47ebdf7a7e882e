import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import {
  duplicateIdProblems,
  loadQuestionnaires,
  parseQuestionnaireFile,
  QuestionnaireFileError,
} from '../../../src/questionnaires/loadQuestionnaires.js';
import { StartupError } from '../../../src/shared/errors.js';

const surveysDir = path.resolve(import.meta.dirname, '../../../surveys');
const jkiText = readFileSync(path.join(surveysDir, 'jki-round.json'), 'utf8');

function errorOf(action: () => unknown): QuestionnaireFileError {
  try {
    action();
  } catch (error) {
    expect(error).to.be.instanceOf(QuestionnaireFileError).and.instanceOf(StartupError);
    return error as QuestionnaireFileError;
  }
  return expect.fail('no error');
}

/** The JKI questionnaire with one change, as file text. */
function jkiWith(change: (q: Record<string, any>) => void): string {
  const q = JSON.parse(jkiText);
  change(q);
  return JSON.stringify(q, null, 2);
}

describe('parseQuestionnaireFile', () => {
  it('drops the editor-only $schema property and accepts a byte-order mark', () => {
    const q = parseQuestionnaireFile('jki-round.json', '\uFEFF' + jkiText);
    expect(q.id).to.equal('jki-round');
    expect(q).not.to.have.property('$schema');
  });

  it('reports only the errors of the item\'s own kind', () => {
    const text = jkiWith((q) => {
      delete q.sections[1].items[0].maxLength;
      q.sections[1].items[0].scale = 'degree4';
    });
    expect(errorOf(() => parseQuestionnaireFile('jki-round.json', text)).message.split('\n')).to.deep.equal([
      'jki-round.json: $.sections[1].items[0]: must have property "maxLength"',
      'jki-round.json: $.sections[1].items[0]: has unknown property "scale"',
    ]);
  });

  it('reports every schema problem of a file, one per line', () => {
    const text = jkiWith((q) => {
      q.title.en = '';
      q.sections[1].items[1].maxLength = 10001;
      q.defaultLanguage = 'sv';
    });
    const { problems } = errorOf(() => parseQuestionnaireFile('jki-round.json', text));
    expect(problems.map((p) => p.path)).to.have.members(['$.title.en', '$.sections[1].items[1].maxLength', '$.defaultLanguage']);
  });

  it('rejects ids that are not lower-case identifiers', () => {
    const text = jkiWith((q) => { q.sections[0].items[0].statements[0].id = 'Work-contributes'; });
    const { problems } = errorOf(() => parseQuestionnaireFile('jki-round.json', text));
    expect(problems.map((p) => p.path)).to.deep.equal(['$.sections[0].items[0].statements[0].id']);
  });
});

describe('loadQuestionnaires', () => {
  let dir: string;
  beforeEach(() => { dir = mkdtempSync(path.join(tmpdir(), 'pejling-q-')); });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('reads only *.json, sorted by name', () => {
    writeFileSync(path.join(dir, 'jki-round.json'), jkiText);
    writeFileSync(path.join(dir, 'a-copy.json'), jkiText.replace('"id": "jki-round"', '"id": "a-copy"'));
    writeFileSync(path.join(dir, 'notes.txt'), 'not a questionnaire');
    expect(loadQuestionnaires(dir).map((q) => q.id)).to.deep.equal(['a-copy', 'jki-round']);
  });

  it('reports the problems of all files in one error', () => {
    writeFileSync(path.join(dir, 'one.json'), '{');
    writeFileSync(path.join(dir, 'two.json'), jkiText);
    const lines = errorOf(() => loadQuestionnaires(dir)).message.split('\n');
    expect(lines).to.have.length(2);
    expect(lines[0]).to.match(/^.*one\.json: \$: invalid JSON at line 1, column 2/);
    expect(lines[1]).to.match(/^.*two\.json: \$\.id: id "jki-round" must equal the file name/);
  });

  it('rejects a missing directory with a startup error', () => {
    expect(() => loadQuestionnaires(path.join(dir, 'missing'))).to.throw(StartupError, /cannot read the questionnaire directory/);
  });
});

describe('duplicateIdProblems', () => {
  it('names both files', () => {
    const questionnaire = parseQuestionnaireFile('jki-round.json', jkiText);
    expect(duplicateIdProblems([
      { file: 'a/jki-round.json', questionnaire },
      { file: 'b/jki-round.json', questionnaire },
    ])).to.deep.equal([{ file: 'b/jki-round.json', path: '$.id', message: 'questionnaire id "jki-round" is also used by a/jki-round.json' }]);
  });
});
