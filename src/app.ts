import compression from 'compression';
import express, { type Express } from 'express';
import helmet from 'helmet';
import { openApiRoutes } from './api/openApiRoutes.js';
import { healthRoutes } from './health/routes.js';
import { questionnaireRoutes } from './questionnaires/routes.js';
import { questionnaireAdminRoutes } from './questionnaires/adminRoutes.js';
import { questionnaireApiRoutes } from './questionnaires/questionnaireApiRoutes.js';
import { roundComparabilityRoutes } from './rounds/roundComparabilityRoutes.js';
import { responseApiRoutes } from './responses/apiRoutes.js';
import { DraftService } from './responses/draftService.js';
import { responseFormRoutes } from './responses/formRoutes.js';
import { SubmissionService } from './responses/submissionService.js';
import { installAuth } from './auth/installAuth.js';
import { loginRoutes } from './auth/loginRoutes.js';
import { apiTokenRoutes } from './auth/apiTokenRoutes.js';
import { userRoutes } from './auth/userRoutes.js';
import { passwordRoutes } from './auth/passwordRoutes.js';
import { oidcRoutes } from './auth/oidc/oidcRoutes.js';
import { secondFactorRoutes } from './auth/twoFactor/secondFactorRoutes.js';
import { twoFactorRoutes } from './auth/twoFactor/twoFactorRoutes.js';
import { auditRoutes } from './audit/routes.js';
import { projectRoutes } from './projects/routes.js';
import { projectTextsRoutes } from './projectTexts/routes.js';
import { respondentRoutes } from './respondents/routes.js';
import { outboxRoutes } from './mail/outboxRoutes.js';
import { roundRoutes } from './rounds/routes.js';
import { openLinkRoutes } from './rounds/openLinkRoutes.js';
import { comparisonRoutes } from './comparison/routes.js';
import { trendRoutes } from './comparison/trendRoutes.js';
import { exportRoutes } from './exports/routes.js';
import { dataPageRoutes } from './exports/dataPageRoutes.js';
import { dashboardRoutes } from './dashboards/routes.js';
import { trendPageRoutes } from './dashboards/trendPage.js';
import { errorHandler } from './shared/errorHandler.js';
import { NotFoundError } from './shared/errors.js';
import { refuseCompressedUploads } from './shared/requestBodyErrors.js';
import { apiSecurityHeaders } from './shared/apiSecurityHeaders.js';
import type { ServiceDeps } from './shared/serviceDeps.js';
import { configureViews } from './shared/views.js';

/** The caseworker's JSON API: submissions and draft saves by personal link. */
const CASEWORKER_API = /^\/api\/(responses|drafts)\//;

export type AppDeps = Omit<ServiceDeps, 'clock'> & { clock?: () => Date };

/** Build the Express app without listening, so tests drive it in-process. */
export function buildApp(appDeps: AppDeps): Express {
  const deps: ServiceDeps = { ...appDeps, clock: appDeps.clock ?? (() => new Date()) };
  const clock = deps.clock;
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');
  const pageHeaders = helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        // RP-initiated logout: the sign-out form ends in a redirect to the provider.
        formAction: ["'self'", ...(deps.config.oidc ? [new URL(deps.config.oidc.issuerUrl).origin] : [])],
        frameAncestors: ["'none'"],
        baseUri: ["'none'"],
        objectSrc: ["'none'"],
      },
    },
  });
  // The caseworker's API answers JSON with an API's security headers (apiSecurityHeaders), every other path a page's.
  app.use((req, res, next) => (CASEWORKER_API.test(req.path) ? apiSecurityHeaders(req, res, next) : pageHeaders(req, res, next)));
  // Body parsers answer corrupt or unknown Content-Encoding with 400/415 (shared/requestBodyErrors.ts); uploads are never decompressed.
  app.use(refuseCompressedUploads);
  app.use('/api', express.json({ limit: '100kb' }));

  const submissions = new SubmissionService(deps.dataSource, deps.catalog, clock);
  const drafts = new DraftService(deps.dataSource, deps.catalog, clock);

  // The caseworker's API comes first: its personal link is the credential, so it needs no session,
  // who-is-calling or CSRF, and every middleware and router it passed cost each submission time.
  // It also comes before compression: its answers are a few dozen bytes, under compression's 1 kB
  // threshold, yet wrapping each response for the check cost ≈ 3 % of a submission's CPU.
  app.use(responseApiRoutes({ submissions, drafts, submissionsPerMinute: deps.config.submissionsPerMinute }));
  // gzip or brotli for pages, JSON and CSV as they are sent (types compressible by mime-db, above 1 kB);
  // hashed static files come compressed ahead of time (src/static/), so this passes them by.
  app.use(compression());
  configureViews(app);
  // The caseworker's form pages (/s/…) come before sessions, who-is-calling, CSRF and the admin
  // routers for the same reason as the API above: the link is the credential, and passing two
  // dozen routers and the auth middleware cost each form view more than rendering its questions.
  app.use(responseFormRoutes({ dataSource: deps.dataSource, catalog: deps.catalog, submissions, drafts, clock, submissionsPerMinute: deps.config.submissionsPerMinute }));
  app.use(healthRoutes(deps.dataSource, deps.config.databaseUrl));
  app.use(openApiRoutes());
  app.use(questionnaireRoutes(deps.catalog));
  // Sessions, who-is-calling and CSRF come before every route that may need them.
  installAuth(app, deps);
  for (const routes of [
    loginRoutes, oidcRoutes, secondFactorRoutes, twoFactorRoutes, userRoutes, passwordRoutes, apiTokenRoutes, auditRoutes, projectRoutes, projectTextsRoutes, respondentRoutes, roundRoutes, openLinkRoutes,
    outboxRoutes, comparisonRoutes, trendRoutes, exportRoutes, dataPageRoutes, dashboardRoutes, trendPageRoutes,
    questionnaireApiRoutes, questionnaireAdminRoutes, roundComparabilityRoutes,
  ]) app.use(routes(deps));
  app.get('/', (req, res) => res.render('home', { lang: req.query.lang === 'en' ? 'en' : 'da' }));

  app.use(() => {
    throw new NotFoundError('No such page or endpoint.');
  });
  app.use(errorHandler(deps.logger));
  return app;
}
