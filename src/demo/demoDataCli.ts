import { parseArgs } from 'node:util';
import { loadConfig } from '../config.js';
import { openDatabase } from '../db/dataSource.js';
import { withStartupLock } from '../db/startupLock.js';
import { loadQuestionnaires } from '../questionnaires/loadQuestionnaires.js';
import { syncQuestionnaireVersions } from '../questionnaires/syncQuestionnaireVersions.js';
import { createLogger } from '../shared/logger.js';
import { publicUrlNote } from '../shared/publicUrlNote.js';
import { resolveSecretKey } from '../shared/secretKey.js';
import { createDemoProject } from './createDemoProject.js';

/** npm run demo-data -- --respondents 120 [--seed 1] [--response-rate 0.9] [--rounds 3] [--name "…"] */
async function main(): Promise<void> {
  const { values } = parseArgs({ options: { respondents: { type: 'string', default: '120' }, seed: { type: 'string', default: '1' }, 'response-rate': { type: 'string', default: '0.9' }, rounds: { type: 'string', default: '2' }, name: { type: 'string' } } });
  const respondents = Number(values.respondents);
  const responseRate = Number(values['response-rate']);
  if (!Number.isInteger(respondents) || respondents < 1 || respondents > 200_000) throw new Error('--respondents must be a whole number from 1 to 200000');
  if (!(responseRate > 0 && responseRate <= 1)) throw new Error('--response-rate must be above 0 and at most 1');
  const rounds = Number(values.rounds);
  if (!Number.isInteger(rounds) || rounds < 2 || rounds > 8) throw new Error('--rounds must be a whole number from 2 to 8');
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  const dataSource = await openDatabase(config);
  try {
    const catalog = await withStartupLock(dataSource, () => syncQuestionnaireVersions(dataSource, loadQuestionnaires(config.surveysDir)));
    const result = await createDemoProject({ dataSource, catalog, config, secretKey: resolveSecretKey(config, logger) }, {
      respondents, responseRate, rounds, seed: Number(values.seed),
      name: values.name ?? (rounds === 2 ? `Demo: HIR før og efter (${respondents} sagsbehandlere)` : `Demo: ${rounds} målinger med forsøgs- og kontrolgruppe (${respondents} sagsbehandlere)`),
    });
    console.log(`Project ${result.projectId}: rounds ${result.roundIds.join(', ')}, ${result.submitted} responses.`);
    console.log(`Dashboard: ${config.publicUrl}/projects/${result.projectId}/dashboard?baseline=${result.startRoundId}&followup=${result.endRoundId}`);
    if (rounds > 2) console.log(`Trend: ${config.publicUrl}/projects/${result.projectId}/trend?rounds=${result.roundIds.join(',')}`);
    console.log(`Project page: ${config.publicUrl}/admin/projects/${result.projectId}`);
    const note = publicUrlNote(process.env, config.publicUrl);
    if (note) console.error(note.trimEnd());
  } finally {
    await dataSource.destroy();
  }
}

main().catch((error: unknown) => {
  console.error((error as Error).message);
  process.exit(1);
});
