import type { DataSource } from 'typeorm';
import { ApiToken, UserAccount } from '../src/db/entities/index.js';
import { generateApiToken, hashApiToken } from '../src/auth/apiTokens.js';

/** An admin with an API token, for the benchmark's requests. */
export async function signInForBench(dataSource: DataSource): Promise<string> {
  const user = await dataSource.getRepository(UserAccount).save({ email: 'bench@example.dk', name: 'Bench', role: 'admin', passwordHash: null, setupTokenHash: null, setupExpiresAt: null, active: true, lastLoginAt: null });
  const token = generateApiToken();
  await dataSource.getRepository(ApiToken).save({ userId: user.id, name: 'bench', tokenHash: hashApiToken(token), lastUsedAt: null, revokedAt: null });
  return token;
}
