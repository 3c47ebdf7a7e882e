import express, { type Express } from 'express';
import session from 'express-session';
import type { ServiceDeps } from '../shared/serviceDeps.js';
import { authenticate } from './authenticate.js';
import { csrfGuard } from './csrf.js';
import { multipartForms } from './multipartForms.js';
import { DatabaseSessionStore } from './sessionStore.js';
import { requireTwoFactorEnrolment } from './twoFactor/requireEnrolment.js';

const SESSION_TTL_MS = 8 * 3600 * 1000;
// The caseworker's form parses its own body with a 100 kB limit; admin forms (CSV preview) are larger.
const ADMIN_FORM_LIMIT = '3mb';

/** Sessions, who-is-calling and CSRF, before any route that needs them. */
export function installAuth(app: Express, deps: ServiceDeps): void {
  const sessions = session({
    name: 'pejling.sid',
    store: new DatabaseSessionStore(deps.dataSource, deps.clock),
    secret: deps.secretKey,
    resave: false,
    // No session (and no cookie) until someone signs in or a login form is shown: caseworkers get none.
    saveUninitialized: false,
    rolling: true,
    cookie: { httpOnly: true, sameSite: 'lax', secure: deps.config.cookieSecure, maxAge: SESSION_TTL_MS },
  });
  const adminForms = express.urlencoded({ extended: false, limit: ADMIN_FORM_LIMIT, parameterLimit: 5000 });
  app.use((req, res, next) => (/^\/(s|a)\//.test(req.path) || req.path.startsWith('/static/') ? next() : sessions(req, res, next)));
  app.use((req, res, next) => (/^\/(s|a)\//.test(req.path) ? next() : adminForms(req, res, next)));
  app.use(authenticate(deps));
  app.use(requireTwoFactorEnrolment);
  app.use(multipartForms);
  app.use(csrfGuard);
}
