import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { TEST_SECRET_KEY } from '../../support/testContext.js';

const root = path.resolve(import.meta.dirname, '../../..');

export interface Instance {
  port: number;
  url: string;
  child: ChildProcess;
}

export interface HealthBody {
  status: string;
  database: { kind: string; status: string; node?: { host: string; port: number; galera?: { node: string; state: string; clusterSize: number } } };
}

/** Poll until `probe` gives a value (errors count as not yet), or fail naming `what`. */
export async function waitFor<T>(what: string, deadlineMs: number, probe: () => Promise<T | undefined>): Promise<T> {
  const end = Date.now() + deadlineMs;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** Pejling server processes (src/server.ts, as deployed), each with its own database URL. */
export class Instances {
  readonly list: Instance[] = [];
  readonly output: string[] = [];

  constructor(private readonly smtpPort: number) {}

  start(port: number, databaseUrl: string, env: Record<string, string> = {}): Instance {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
      cwd: root,
      env: {
        ...process.env, PORT: String(port), DATABASE_URL: databaseUrl, SECRET_KEY: TEST_SECRET_KEY, SEED_DEMO: 'false', LOG_LEVEL: 'warn',
        PUBLIC_URL: `http://127.0.0.1:${port}`, SMTP_HOST: '127.0.0.1', SMTP_PORT: String(this.smtpPort), SMTP_SECURITY: 'none',
        SCHEDULER_CRON: '* * * * * *', SUBMISSIONS_PER_MINUTE: '100000', ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout!.on('data', (chunk: Buffer) => this.output.push(`[${port}] ${chunk.toString()}`));
    child.stderr!.on('data', (chunk: Buffer) => this.output.push(`[${port}] ${chunk.toString()}`));
    const instance = { port, url: `http://127.0.0.1:${port}`, child };
    this.list.push(instance);
    return instance;
  }

  async health(instance: Instance): Promise<{ status: number; body: HealthBody }> {
    const res = await fetch(`${instance.url}/healthz`);
    return { status: res.status, body: (await res.json()) as HealthBody };
  }

  async waitHealthy(instance: Instance, deadlineMs = 150_000): Promise<HealthBody> {
    return waitFor(`instance ${instance.port} healthy (output: ${this.output.join('').slice(-3000)})`, deadlineMs, async () => {
      if (instance.child.exitCode !== null) throw new Error('exited');
      const { status, body } = await this.health(instance);
      return status === 200 ? body : undefined;
    });
  }

  async stopAll(): Promise<void> {
    for (const { child } of this.list) if (child.exitCode === null) child.kill('SIGTERM');
    await Promise.all(this.list.map(({ child }) => new Promise((resolve) => (child.exitCode !== null ? resolve(undefined) : child.once('exit', resolve)))));
  }
}
