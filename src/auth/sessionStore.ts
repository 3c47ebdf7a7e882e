import session from 'express-session';
import { LessThan, type DataSource } from 'typeorm';
import { WebSession } from '../db/entities/index.js';
import './types.js';

const DEFAULT_TTL_MS = 8 * 3600 * 1000;

/**
 * express-session's store on the web_session table, so every app instance on the same database
 * shares the sessions. Expired rows are ignored on read and pruned now and then on write. Each row
 * names its user, so that ending someone's access deletes their sessions (credentialRevocation.ts).
 */
export class DatabaseSessionStore extends session.Store {
  private writesSincePrune = 0;

  constructor(private readonly dataSource: DataSource, private readonly clock: () => Date = () => new Date()) {
    super();
  }

  private expiry(data: session.SessionData): Date {
    const expires = data.cookie?.expires;
    return expires ? new Date(expires) : new Date(this.clock().getTime() + DEFAULT_TTL_MS);
  }

  override get(sid: string, callback: (error: unknown, session?: session.SessionData | null) => void): void {
    this.dataSource.getRepository(WebSession).findOne({ where: { sid } })
      .then((row) => callback(null, row && row.expiresAt.getTime() > this.clock().getTime() ? (JSON.parse(row.data) as session.SessionData) : null))
      .catch((error: unknown) => callback(error));
  }

  override set(sid: string, data: session.SessionData, callback?: (error?: unknown) => void): void {
    this.dataSource.getRepository(WebSession).upsert({ sid, userId: data.userId ?? null, data: JSON.stringify(data), expiresAt: this.expiry(data) }, { conflictPaths: ['sid'] })
      .then(() => this.pruneNowAndThen())
      .then(() => callback?.())
      .catch((error: unknown) => callback?.(error));
  }

  override touch(sid: string, data: session.SessionData, callback?: (error?: unknown) => void): void {
    this.dataSource.getRepository(WebSession).update({ sid }, { expiresAt: this.expiry(data) })
      .then(() => callback?.())
      .catch((error: unknown) => callback?.(error));
  }

  override destroy(sid: string, callback?: (error?: unknown) => void): void {
    this.dataSource.getRepository(WebSession).delete({ sid })
      .then(() => callback?.())
      .catch((error: unknown) => callback?.(error));
  }

  private async pruneNowAndThen(): Promise<void> {
    if (++this.writesSincePrune < 100) return;
    this.writesSincePrune = 0;
    await this.dataSource.getRepository(WebSession).delete({ expiresAt: LessThan(this.clock()) });
  }
}
