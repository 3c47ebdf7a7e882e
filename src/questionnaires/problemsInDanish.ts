/**
 * The checker's messages (checkQuestionnaireText: JSON, schema via ajv, cross-references) in
 * Danish for the admin pages. The checker itself stays English for the start-up log and the CLI;
 * this maps each message it can produce, so the page and the log can never disagree on a problem.
 */

const KIND_OF_ID: Record<string, string> = {
  'section id': 'sektions-id',
  'item id': 'spørgsmåls-id',
  'option code': 'svarkode',
  'category id': 'kategori-id',
  'row id': 'række-id',
  'indicator id': 'indikator-id',
};

const TYPE_NAMES: Record<string, string> = {
  string: 'tekst', integer: 'et heltal', number: 'et tal', object: 'et objekt ({ … })', array: 'en liste ([ … ])', boolean: 'true eller false', null: 'null',
};

const quoted = (value: string) => `„${value}“`;
const none = (list: string) => (list === 'none' ? 'ingen' : list);
const typeList = (types: string) => types.split(',').map((t) => TYPE_NAMES[t] ?? t).join(' eller ');

type Rule = [RegExp, (...groups: string[]) => string];

const RULES: Rule[] = [
  // describeJsonError
  [/^invalid JSON at line (\d+), column (\d+): (.*)$/s, (line, column, what) => `Ugyldig JSON i linje ${line}, kolonne ${column} (${what})`],
  [/^invalid JSON: (.*)$/s, (what) => `Ugyldig JSON (${what})`],
  // checkQuestionnaireText: the id a revision must keep
  [/^id "(.*)" must equal the questionnaire being revised \("(.*)"\)$/, (id, expected) => `id ${quoted(id)} skal være ${quoted(expected)}: en ny revision beholder spørgeskemaets id (kopiér det for at lave et nyt)`],
  [/^id "(.*)" must equal the file name without \.json \("(.*)"\)$/, (id, expected) => `id ${quoted(id)} skal være filnavnet uden .json (${quoted(expected)})`],
  // describeAjvError and ajv's own messages
  [/^must have property "(.*)"$/, (name) => `mangler feltet ${quoted(name)}`],
  [/^has unknown property "(.*)"$/, (name) => `har et ukendt felt ${quoted(name)}`],
  [/^must be one of (.*)$/s, (values) => `skal være en af ${values}`],
  [/^must be (string|integer|number|object|array|boolean|null)((?:,\w+)*)$/, (first, rest) => `skal være ${typeList(first + rest)}`],
  [/^must be (".*"|-?[\d.]+|true|false|null)$/s, (value) => `skal være ${value}`],
  [/^must NOT have fewer than (\d+) characters$/, (n) => `skal have mindst ${n} tegn`],
  [/^must NOT have more than (\d+) characters$/, (n) => `må højst have ${n} tegn`],
  [/^must NOT have fewer than (\d+) items$/, (n) => `skal have mindst ${n} elementer`],
  [/^must NOT have more than (\d+) items$/, (n) => `må højst have ${n} elementer`],
  [/^must NOT have fewer than (\d+) properties$/, (n) => `skal have mindst ${n} felter`],
  [/^must be >= (.+)$/, (n) => `skal være mindst ${n}`],
  [/^must be <= (.+)$/, (n) => `må højst være ${n}`],
  [/^must be > (.+)$/, (n) => `skal være større end ${n}`],
  [/^must be < (.+)$/, (n) => `skal være mindre end ${n}`],
  [/^must match pattern "(.*)"$/, (pattern) => `har ikke den tilladte form (mønster: ${pattern})`],
  [/^must match format "(.*)"$/, (format) => `skal have formatet ${quoted(format)}`],
  [/^must NOT have duplicate items \(items ## (\d+) and (\d+) are identical\)$/, (a, b) => `må ikke gentage et element (nr. ${b} og ${a} er ens, talt fra 0)`],
  [/^must match a schema in anyOf$/, () => 'passer ikke til nogen af de tilladte former'],
  [/^must match exactly one schema in oneOf$/, () => 'skal passe til præcis én af de tilladte former'],
  [/^property name must be valid$/, () => 'har et ugyldigt feltnavn'],
  // checkQuestionnaire
  [/^duplicate (section id|item id|option code|category id|row id|indicator id) "(.*)" \(first used at (.*)\)$/, (what, id, first) => `${KIND_OF_ID[what]} ${quoted(id)} er brugt før (første gang ved ${first}); det skal være entydigt`],
  [/^a scale may have at most one "don't know" option$/, () => 'en skala må højst have én „ved ikke“-mulighed'],
  [/^topBox needs an ordered scale$/, () => 'topBox kræver en ordnet skala ("ordered": true)'],
  [/^code (.+) is not an option of this scale$/, (code) => `kode ${code} er ikke en mulighed på denne skala`],
  [/^code (.+) is the "don't know" option$/, (code) => `kode ${code} er „ved ikke“-muligheden og kan ikke tælle med i topBox`],
  [/^unknown scale "(.*)" \(scales: (.*)\)$/, (name, scales) => `ukendt skala ${quoted(name)} (skalaer: ${none(scales)})`],
  [/^unknown item "(.*)"; refer to one of the battery's statements$/, (id) => `ukendt spørgsmål ${quoted(id)}; henvis til et af batteriets udsagn`],
  [/^unknown item "(.*)"$/, (id) => `ukendt spørgsmål ${quoted(id)}`],
  [/^"(.*)" must come before the item it controls$/, (id) => `${quoted(id)} skal stå før det spørgsmål, det styrer`],
  [/^"(.*)" must come before the item it limits$/, (id) => `${quoted(id)} skal stå før det spørgsmål, det begrænser`],
  [/^"(.*)" is a (\w+) item; a condition must refer to a choice item or a likert statement$/, (id, kind) => `${quoted(id)} er et ${kind}-spørgsmål; en betingelse skal henvise til et choice-spørgsmål eller et likert-udsagn`],
  [/^code (.+) is not an option of scale "(.*)" \(codes: (.*)\)$/, (code, scale, codes) => `kode ${code} er ikke en mulighed på skalaen ${quoted(scale)} (koder: ${none(codes)})`],
  [/^min \((.*)\) must not be greater than max \((.*)\)$/, (min, max) => `min (${min}) må ikke være større end max (${max})`],
  [/^"(.*)" is a (\w+) item; maxItem must refer to a number item$/, (id, kind) => `${quoted(id)} er et ${kind}-spørgsmål; maxItem skal henvise til et number-spørgsmål`],
  [/^indicator id "(.*)" is already an item id$/, (id) => `indikator-id ${quoted(id)} er allerede et spørgsmåls-id`],
  [/^"(.*)" is a (\w+) item; a ratio needs number items$/, (id, kind) => `${quoted(id)} er et ${kind}-spørgsmål; en brøk kræver number-spørgsmål`],
];

/** The Danish message for one of the checker's messages; an unforeseen one is kept, marked as such. */
export function problemInDanish(message: string): string {
  for (const [pattern, danish] of RULES) {
    const match = pattern.exec(message);
    if (match) return danish(...match.slice(1));
  }
  return `ugyldig værdi (${message})`;
}

export interface DanishProblem {
  path: string;
  message: string;
}

export function problemsInDanish(problems: { path: string; message: string }[]): DanishProblem[] {
  return problems.map((p) => ({ path: p.path, message: problemInDanish(p.message) }));
}
