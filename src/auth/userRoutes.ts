import { Router, type Request, type Response } from 'express';
import { UserAccount } from '../db/entities/index.js';
import { AppError } from '../shared/errors.js';
import type { UserRole } from '../db/entities/UserAccount.js';
import { recordAudit } from '../audit/auditLog.js';
import { validateForm, type FieldErrors } from '../shared/formValidation.js';
import type { ServiceDeps } from '../shared/serviceDeps.js';
import { validateRequest } from '../shared/validateRequest.js';
import { resetLogin, updateAccount, type AccountChange } from './accountActions.js';
import { createAccount, normaliseEmail } from './accountService.js';
import { requireAdmin } from './authorize.js';
import { changeRoleSchema, createUserSchema, idParamsSchema, updateUserSchema } from './userSchemas.js';

type NewUser = { email: string; name: string; role: UserRole };
const userParams = idParamsSchema('userId');

function publicUser(account: UserAccount) {
  return { id: account.id, email: account.email, name: account.name, role: account.role, active: account.active, passwordSet: account.passwordHash !== null, twoFactor: account.totpEnabledAt !== null, lastLoginAt: account.lastLoginAt?.toISOString() ?? null };
}

/**
 * Admins manage accounts; a new account gets a one-time set-up link instead of a password.
 * Reset-login, deactivation, reactivation and a role change end every session and API token of
 * the person (accountActions.ts).
 */
export function userRoutes(deps: ServiceDeps): Router {
  const router = Router();
  const accounts = () => deps.dataSource.getRepository(UserAccount);
  const setupUrl = (token: string) => `${deps.config.publicUrl}/setup/${token}`;
  const userId = (req: Request) => Number(req.params.userId);

  async function renderUsers(res: Response, status: number, extra: { errors?: FieldErrors; values?: Partial<NewUser>; issuedLink?: { email: string; url: string }; refusal?: string } = {}) {
    const users = await accounts().find({ order: { email: 'ASC' } });
    // The last active admin is offered neither "Deaktivér" nor "Gør til projektleder" (accountActions refuses both).
    const lastAdminId = users.filter((u) => u.role === 'admin' && u.active).length === 1 ? users.find((u) => u.role === 'admin' && u.active)!.id : null;
    res.status(status).render('admin/users/list', { title: 'Brugere', nav: 'users', users: users.map(publicUser), lastAdminId, errors: extra.errors ?? {}, values: extra.values ?? { role: 'lead' }, issuedLink: extra.issuedLink, refusal: extra.refusal });
  }

  /** A change the account rules refuse (the last admin) is shown on the page, in Danish. */
  async function changeFromPage(req: Request, res: Response, changes: { active?: boolean; role?: UserRole }) {
    try {
      await updateAccount(deps.dataSource, userId(req), changes, req, deps.clock());
    } catch (error) {
      if (error instanceof AppError && error.code === 'last_admin') return renderUsers(res, 409, { refusal: 'Du kan ikke fjerne den sidste aktive administrator. Opret eller genaktivér en anden administrator først.' });
      throw error;
    }
    return res.redirect(303, '/admin/users');
  }

  async function createUser(req: Request, input: NewUser) {
    return deps.dataSource.transaction(async (manager) => {
      const issued = await createAccount(manager, input, deps.clock());
      await recordAudit(manager, req, { action: 'user.create', objectType: 'user', objectId: issued.account.id, details: { email: issued.account.email, role: input.role } }, deps.clock());
      return issued;
    });
  }

  const changed = (change: AccountChange) => ({ user: publicUser(change.account), revoked: change.revoked });

  router.get('/admin/users', requireAdmin(), async (_req, res) => renderUsers(res, 200));

  router.post('/admin/users', requireAdmin(), async (req, res) => {
    const result = validateForm<NewUser>(createUserSchema, req.body);
    if (!result.ok) return renderUsers(res, 400, { errors: result.errors, values: req.body });
    if (await accounts().exists({ where: { email: normaliseEmail(result.value.email) } })) {
      return renderUsers(res, 409, { errors: { email: 'Der findes allerede en bruger med denne e-mail.' }, values: req.body });
    }
    const issued = await createUser(req, result.value);
    return renderUsers(res, 201, { issuedLink: { email: issued.account.email, url: setupUrl(issued.setupToken) } });
  });

  for (const [action, active] of [['deactivate', false], ['reactivate', true]] as const) {
    router.post(`/admin/users/:userId/${action}`, requireAdmin(), validateRequest({ params: userParams }), (req, res) => changeFromPage(req, res, { active }));
  }

  router.post('/admin/users/:userId/role', requireAdmin(), validateRequest({ params: userParams, body: changeRoleSchema }), (req, res) => changeFromPage(req, res, { role: (req.body as { role: UserRole }).role }));

  router.post('/admin/users/:userId/reset-login', requireAdmin(), validateRequest({ params: userParams }), async (req, res) => {
    const issued = await resetLogin(deps.dataSource, userId(req), req, deps.clock());
    return renderUsers(res, 200, { issuedLink: { email: issued.account.email, url: setupUrl(issued.setupToken) } });
  });

  router.get('/api/users', requireAdmin(), async (_req, res) => {
    res.json({ users: (await accounts().find({ order: { email: 'ASC' } })).map(publicUser) });
  });

  router.post('/api/users', requireAdmin(), validateRequest({ body: createUserSchema }), async (req, res) => {
    const issued = await createUser(req, req.body as NewUser);
    res.status(201).json({ user: publicUser(issued.account), setupUrl: setupUrl(issued.setupToken), setupExpiresAt: issued.expiresAt.toISOString() });
  });

  router.patch('/api/users/:userId', requireAdmin(), validateRequest({ params: userParams, body: updateUserSchema }), async (req, res) => {
    res.json(changed(await updateAccount(deps.dataSource, userId(req), req.body as { role?: UserRole; active?: boolean }, req, deps.clock())));
  });

  router.post('/api/users/:userId/reset-login', requireAdmin(), validateRequest({ params: userParams }), async (req, res) => {
    const issued = await resetLogin(deps.dataSource, userId(req), req, deps.clock());
    res.json({ ...changed(issued), setupUrl: setupUrl(issued.setupToken), setupExpiresAt: issued.expiresAt.toISOString() });
  });

  return router;
}
