import { Router, type Request, type Response } from 'express';
import { requireAdmin, requireProjectAccess } from '../auth/authorize.js';
import { AppError } from '../shared/errors.js';
import type { ServiceDeps } from '../shared/serviceDeps.js';
import { validateRequest } from '../shared/validateRequest.js';
import { RoundControl, type ControlResult } from './roundControl.js';
import { extendInputSchema, invitationParamsSchema } from './roundControlSchemas.js';
import { publicRoundOf, renderRoundPage } from './roundPage.js';
import { roundParamsSchema } from './roundSchemas.js';
import { RoundService } from './roundService.js';

type Action = (req: Request) => Promise<ControlResult>;

/**
 * Open now, close now, extend, remind now and resend, each as a button on the round's page
 * (a POST that redirects back with a message) and as a JSON endpoint.
 */
export function roundControlRoutes(deps: ServiceDeps): Router {
  const router = Router();
  const control = new RoundControl(deps);
  const rounds = new RoundService(deps.dataSource, deps.catalog, deps.secretKey, deps.clock);
  const adminRound = [requireAdmin(), validateRequest({ params: roundParamsSchema }), requireProjectAccess(deps.dataSource)];
  const adminInvitation = [requireAdmin(), validateRequest({ params: invitationParamsSchema }), requireProjectAccess(deps.dataSource)];
  const ids = (req: Request) => [Number(req.params.projectId), Number(req.params.roundId)] as const;
  const extendValue = (req: Request) => String((req.body as { closesAt?: unknown } | undefined)?.closesAt ?? '');

  const actions: { page: string; api: string; params: typeof adminRound; run: Action }[] = [
    { page: 'open', api: 'open', params: adminRound, run: (req) => control.openNow(req, ...ids(req)) },
    { page: 'close', api: 'close', params: adminRound, run: (req) => control.closeNow(req, ...ids(req)) },
    { page: 'extend', api: 'extend', params: adminRound, run: (req) => control.extend(req, ...ids(req), extendValue(req)) },
    { page: 'remind', api: 'remind', params: adminRound, run: (req) => control.remindNow(req, ...ids(req)) },
    { page: 'invitations/:invitationId/resend', api: 'invitations/:invitationId/resend', params: adminInvitation, run: (req) => control.resend(req, ...ids(req), Number(req.params.invitationId)) },
  ];

  for (const action of actions) {
    const body = action.api === 'extend' ? [validateRequest({ body: extendInputSchema })] : [];
    router.post(`/api/projects/:projectId/rounds/:roundId/${action.api}`, ...action.params, ...body, async (req, res) => {
      const result = await action.run(req);
      res.json({ ...result, round: publicRoundOf(deps, await rounds.get(...ids(req)), true) });
    });
    router.post(`/admin/projects/:projectId/rounds/:roundId/${action.page}`, ...action.params, async (req: Request, res: Response) => {
      try {
        const result = await action.run(req);
        const back = action.page.startsWith('invitations/') ? 'invitations' : '';
        res.redirect(303, `/admin/projects/${req.params.projectId}/rounds/${req.params.roundId}${back ? `/${back}` : ''}?done=${result.outcome}`);
      } catch (error) {
        // A refusal a person can act on is shown on the round's page; anything else is a real error.
        if (!(error instanceof AppError) || error.status >= 500 || error.status === 404) throw error;
        const details = error.details as { message: string }[] | undefined;
        const fieldMessage = Array.isArray(details) && details[0] ? `${details[0].message}.` : undefined;
        const text = fieldMessage ? `Ny lukketid: ${fieldMessage}` : error.message.replace(/ \([^)]*\)\.?$/, '.');
        await renderRoundPage(deps, req, res, error.status, { tone: 'error', text }, action.api === 'extend' ? { value: extendValue(req), error: fieldMessage } : undefined);
      }
    });
  }
  return router;
}
