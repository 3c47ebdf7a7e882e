import { StartupError } from '../shared/errors.js';

/** How admins and leads may sign in; read from the environment by config.ts. */
export interface SignInConfig {
  /** Single sign-on through the municipality's OpenID Connect provider; undefined when not configured. */
  oidc: OidcConfig | undefined;
  /** Password sign-in; when disabled only the break-glass admin (if named) may still use it. */
  localSignIn: { enabled: boolean; breakGlassEmail: string | undefined };
  /** Admins who sign in with a password must have set up a second factor (TOTP). */
  twoFactorRequiredForAdmins: boolean;
}

export interface OidcConfig {
  issuerUrl: string;
  clientId: string;
  /** Absent for a public client (PKCE only); Entra ID and AD FS web apps have one. */
  clientSecret: string | undefined;
  /** The ID token claim that carries the person's email (Entra ID: email or preferred_username; AD FS: upn or email). */
  emailClaim: string;
  nameClaim: string;
  /** A claim (e.g. groups or roles) whose values make someone admin; undefined: the provider does not decide roles. */
  adminClaim: string | undefined;
  adminValues: string[];
  /** Shown on the sign-in page as "Log ind med <displayName>". */
  displayName: string;
  /** People the provider knows but Pejling does not: created as leads without projects, or refused. */
  unknownUsers: 'create' | 'refuse';
  scopes: string;
}

export const signInEnvProperties = {
  OIDC_ISSUER_URL: { type: 'string', pattern: '^https?://[^\\s/]+(/[^\\s]*)?$' },
  OIDC_CLIENT_ID: { type: 'string', minLength: 1 },
  OIDC_CLIENT_SECRET: { type: 'string', minLength: 1 },
  OIDC_EMAIL_CLAIM: { type: 'string', pattern: '^[A-Za-z0-9_:./-]{1,200}$' },
  OIDC_NAME_CLAIM: { type: 'string', pattern: '^[A-Za-z0-9_:./-]{1,200}$' },
  OIDC_ADMIN_CLAIM: { type: 'string', pattern: '^[A-Za-z0-9_:./-]{1,200}$' },
  OIDC_ADMIN_VALUES: { type: 'string', minLength: 1 },
  OIDC_DISPLAY_NAME: { type: 'string', minLength: 1, maxLength: 60 },
  OIDC_UNKNOWN_USERS: { enum: ['create', 'refuse'] },
  OIDC_SCOPES: { type: 'string', pattern: '(^|\\s)openid(\\s|$)' },
  LOCAL_SIGN_IN: { enum: ['true', 'false'] },
  BREAK_GLASS_ADMIN_EMAIL: { type: 'string', pattern: '^[^\\s@]+@[^\\s@]+$' },
  TWO_FACTOR_REQUIRED_FOR_ADMINS: { enum: ['true', 'false'] },
} as const;

export const signInEnvDependencies = {
  OIDC_ISSUER_URL: ['OIDC_CLIENT_ID'],
  OIDC_CLIENT_ID: ['OIDC_ISSUER_URL'],
  OIDC_CLIENT_SECRET: ['OIDC_ISSUER_URL'],
  OIDC_ADMIN_CLAIM: ['OIDC_ISSUER_URL', 'OIDC_ADMIN_VALUES'],
  OIDC_ADMIN_VALUES: ['OIDC_ADMIN_CLAIM'],
} as const;

type SignInEnv = Partial<Record<keyof typeof signInEnvProperties, string>>;

/** Plain http is for a provider on this machine only (development and tests): tokens must not cross a network unencrypted. */
export function isLoopbackUrl(url: string): boolean {
  const host = new URL(url).hostname;
  return host === 'localhost' || host === '127.0.0.1' || host === '[::1]';
}

export function signInConfigFrom(env: SignInEnv): SignInConfig {
  const issuerUrl = env.OIDC_ISSUER_URL;
  if (issuerUrl && issuerUrl.startsWith('http:') && !isLoopbackUrl(issuerUrl)) {
    throw new StartupError('Invalid configuration:\n  OIDC_ISSUER_URL must be https (plain http only for a provider on localhost)');
  }
  const localEnabled = (env.LOCAL_SIGN_IN ?? 'true') === 'true';
  if (!localEnabled && !issuerUrl) {
    throw new StartupError('Invalid configuration:\n  LOCAL_SIGN_IN=false needs OIDC_ISSUER_URL and OIDC_CLIENT_ID: otherwise nobody could sign in');
  }
  return {
    oidc: issuerUrl && env.OIDC_CLIENT_ID
      ? {
          issuerUrl,
          clientId: env.OIDC_CLIENT_ID,
          clientSecret: env.OIDC_CLIENT_SECRET,
          emailClaim: env.OIDC_EMAIL_CLAIM ?? 'email',
          nameClaim: env.OIDC_NAME_CLAIM ?? 'name',
          adminClaim: env.OIDC_ADMIN_CLAIM,
          adminValues: (env.OIDC_ADMIN_VALUES ?? '').split(',').map((value) => value.trim()).filter(Boolean),
          displayName: env.OIDC_DISPLAY_NAME ?? 'kommunens login',
          unknownUsers: (env.OIDC_UNKNOWN_USERS ?? 'create') as OidcConfig['unknownUsers'],
          scopes: env.OIDC_SCOPES ?? 'openid email profile',
        }
      : undefined,
    localSignIn: { enabled: localEnabled, breakGlassEmail: env.BREAK_GLASS_ADMIN_EMAIL?.trim().toLowerCase() },
    twoFactorRequiredForAdmins: env.TWO_FACTOR_REQUIRED_FOR_ADMINS === 'true',
  };
}

/** May this email sign in with a password here? */
export function passwordSignInAllowed(config: SignInConfig, email: string): boolean {
  return config.localSignIn.enabled || (config.localSignIn.breakGlassEmail !== undefined && email.trim().toLowerCase() === config.localSignIn.breakGlassEmail);
}
