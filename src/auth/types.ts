import type {} from 'express-session';
import type { UserRole } from '../db/entities/UserAccount.js';

/** The signed-in person, on `req.user` (from the session cookie or an API token). */
export interface AuthenticatedUser {
  id: number;
  email: string;
  name: string;
  role: UserRole;
  /** How this request was authenticated: CSRF checks apply to sessions only. */
  via: 'session' | 'api-token';
  /** The account's credentials version this request was authenticated under (see credentialRevocation.ts). */
  credentialsVersion: number;
}

declare module 'express-serve-static-core' {
  interface Request {
    user?: AuthenticatedUser;
  }
}

declare module 'express-session' {
  interface SessionData {
    userId?: number;
    /** The account's credentials version at sign-in; absent in sessions made before versions existed (counts as 0). */
    credentialsVersion?: number;
    /** How this session was signed in: the second-factor rules apply to passwords only. */
    signInMethod?: 'password' | 'oidc';
    /** An admin signed in with a password but without a second factor where one is required: only its set-up is open. */
    twoFactorSetupRequired?: boolean;
    /** The provider's ID token, for RP-initiated logout (id_token_hint). */
    oidcIdToken?: string;
    /** Password checked, second factor still to come (twoFactor/secondFactorRoutes.ts). */
    pendingSecondFactor?: { userId: number; credentialsVersion: number; next: string; expiresAt: number };
    /** A sign-in at the provider under way: what its answer must match (oidc/oidcRoutes.ts). */
    oidcFlow?: { state: string; nonce: string; codeVerifier: string; next: string; expiresAt: number };
  }
}
