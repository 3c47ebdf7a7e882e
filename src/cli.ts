import { parseArgs } from 'node:util';
import { createAccount, normaliseEmail, reissueSetupLink } from './auth/accountService.js';
import { recordAudit } from './audit/auditLog.js';
import { loadConfig } from './config.js';
import { openDatabase } from './db/dataSource.js';
import { UserAccount } from './db/entities/index.js';
import { StartupError } from './shared/errors.js';

const usage = `Usage: npm run cli -- <command>

Commands:
  create-admin <email> [--name "Full Name"]   create an administrator; prints a one-time set-up link
  reset-login <email>                         a new set-up link for an existing account (password forgotten)
`;

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

async function main(argv: string[]): Promise<number> {
  const { positionals, values } = parseArgs({ args: argv, allowPositionals: true, options: { name: { type: 'string' }, help: { type: 'boolean', short: 'h' } } });
  const [command, email] = positionals;
  if (values.help || !command) {
    process.stdout.write(usage);
    return command || values.help ? 0 : 2;
  }
  if ((command !== 'create-admin' && command !== 'reset-login') || !email || !EMAIL.test(email)) {
    process.stderr.write(`${!email || EMAIL.test(email) ? '' : `"${email}" is not an email address.\n`}${usage}`);
    return 2;
  }
  const config = loadConfig();
  const dataSource = await openDatabase(config);
  try {
    const now = new Date();
    if (command === 'create-admin') {
      const issued = await createAccount(dataSource, { email, name: values.name ?? email.split('@')[0]!, role: 'admin' }, now);
      await recordAudit(dataSource, null, { action: 'user.create', objectType: 'user', objectId: issued.account.id, details: { email: issued.account.email, role: 'admin', via: 'cli' } }, now);
      process.stdout.write(`Administrator ${issued.account.email} created.\nOpen this one-time link to choose a password (valid until ${issued.expiresAt.toISOString()}):\n  ${config.publicUrl}/setup/${issued.setupToken}\n`);
    } else {
      const account = await dataSource.getRepository(UserAccount).findOne({ where: { email: normaliseEmail(email) } });
      if (!account) {
        process.stderr.write(`No account for ${email}.\n`);
        return 1;
      }
      const issued = await reissueSetupLink(dataSource, account, now);
      await recordAudit(dataSource, null, { action: 'user.reset_login', objectType: 'user', objectId: account.id, details: { via: 'cli' } }, now);
      process.stdout.write(`New set-up link for ${account.email} (valid until ${issued.expiresAt.toISOString()}):\n  ${config.publicUrl}/setup/${issued.setupToken}\n`);
    }
    return 0;
  } finally {
    await dataSource.destroy();
  }
}

main(process.argv.slice(2)).then((code) => process.exit(code), (error: unknown) => {
  process.stderr.write(`${error instanceof StartupError || (error as { code?: string }).code === 'account_exists' ? (error as Error).message : String((error as Error).stack ?? error)}\n`);
  process.exit(1);
});
