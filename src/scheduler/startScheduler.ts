import cron from 'node-cron';
import { smtpTransport } from '../mail/mailTransport.js';
import type { ServiceDeps } from '../shared/serviceDeps.js';
import { SchedulerTick } from './schedulerTick.js';

/**
 * Run the scheduler on `config.schedulerCron`, plus once at start so that whatever fell due
 * while the server was down happens now. A tick still running is never overlapped.
 */
export function startScheduler(deps: ServiceDeps): { stop(): Promise<void>; firstTick: Promise<void> } {
  const tick = new SchedulerTick(deps, deps.config.smtp ? smtpTransport(deps.config.smtp) : undefined);
  let running: Promise<void> | undefined;
  const run = () => {
    if (running) return running;
    running = tick.perform(deps.clock()).then(() => undefined, (error: unknown) => deps.logger.error('scheduler tick failed', { error: (error as Error).stack ?? String(error) })).finally(() => {
      running = undefined;
    });
    return running;
  };
  const task = cron.schedule(deps.config.schedulerCron, () => void run(), { timezone: 'Europe/Copenhagen' });
  const firstTick = run();
  return {
    firstTick,
    async stop() {
      await task.stop();
      await running;
    },
  };
}
