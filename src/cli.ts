import { parseArgs } from 'node:util';
import { createAdminCommand, resetLoginCommand, resetTwoFactorCommand } from './auth/accountCommands.js';
import { loadConfig } from './config.js';
import { openDatabase } from './db/dataSource.js';
import { StartupError } from './shared/errors.js';
import { publicUrlNote } from './shared/publicUrlNote.js';

const usage = `Usage: npm run cli -- <command>

Commands:
  create-admin <email> [--name "Full Name"]   create an administrator; prints a one-time set-up link
  reset-login <email>                         a new set-up link for an existing account (password forgotten);
                                              signs the person out everywhere and revokes their API tokens
  reset-two-factor <email>                    turn off a person's two-factor sign-in (lost phone and recovery codes)
`;

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

async function main(argv: string[]): Promise<number> {
  const { positionals, values } = parseArgs({ args: argv, allowPositionals: true, options: { name: { type: 'string' }, help: { type: 'boolean', short: 'h' } } });
  const [command, email] = positionals;
  if (values.help || !command) {
    process.stdout.write(usage);
    return command || values.help ? 0 : 2;
  }
  if (!['create-admin', 'reset-login', 'reset-two-factor'].includes(command) || !email || !EMAIL.test(email)) {
    process.stderr.write(`${!email || EMAIL.test(email) ? '' : `"${email}" is not an email address.\n`}${usage}`);
    return 2;
  }
  const config = loadConfig();
  const dataSource = await openDatabase(config);
  const output = { out: (text: string) => process.stdout.write(text), err: (text: string) => process.stderr.write(text) };
  const note = publicUrlNote(process.env, config.publicUrl);
  if (note) output.err(note);
  try {
    if (command === 'create-admin') return await createAdminCommand(dataSource, config.publicUrl, email, values.name ?? email.split('@')[0]!, output);
    if (command === 'reset-two-factor') return await resetTwoFactorCommand(dataSource, email, output);
    return await resetLoginCommand(dataSource, config.publicUrl, email, output);
  } finally {
    await dataSource.destroy();
  }
}

main(process.argv.slice(2)).then((code) => process.exit(code), (error: unknown) => {
  process.stderr.write(`${error instanceof StartupError || (error as { code?: string }).code === 'account_exists' ? (error as Error).message : String((error as Error).stack ?? error)}\n`);
  process.exit(1);
});
