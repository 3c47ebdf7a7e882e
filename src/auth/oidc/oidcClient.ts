import * as client from 'openid-client';
import type { OidcConfig } from '../signInConfig.js';
import { isLoopbackUrl } from '../signInConfig.js';

/**
 * The provider's configuration, found by discovery (`/.well-known/openid-configuration`) on first
 * use and kept for the process. A failed discovery (the provider down at start-up) is not kept:
 * the next sign-in tries again.
 */
const discovered = new WeakMap<OidcConfig, Promise<client.Configuration>>();

export function providerConfiguration(config: OidcConfig): Promise<client.Configuration> {
  let found = discovered.get(config);
  if (!found) {
    // Plain http only for a provider on this machine (tests, development); signInConfig refuses it elsewhere.
    const execute = config.issuerUrl.startsWith('http:') && isLoopbackUrl(config.issuerUrl) ? [client.allowInsecureRequests] : [];
    found = client.discovery(new URL(config.issuerUrl), config.clientId, config.clientSecret, undefined, { execute, timeout: 10 });
    discovered.set(config, found);
    found.catch(() => discovered.delete(config));
  }
  return found;
}

/** Where the provider signs the person out too, or undefined when it offers no RP-initiated logout. */
export async function providerLogoutUrl(config: OidcConfig, idToken: string, afterLogout: string): Promise<string | undefined> {
  const configuration = await providerConfiguration(config);
  if (!configuration.serverMetadata().end_session_endpoint) return undefined;
  return client.buildEndSessionUrl(configuration, { id_token_hint: idToken, post_logout_redirect_uri: afterLogout }).href;
}
