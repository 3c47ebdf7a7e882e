import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { DataSource } from 'typeorm';
import { Project, ProjectLead } from '../db/entities/index.js';
import { AppError, NotFoundError } from '../shared/errors.js';
import './types.js';

function wantsHtml(req: Request): boolean {
  return !req.path.startsWith('/api/') && req.accepts(['html', 'json']) === 'html';
}

/** True when the caller is signed in; otherwise answers (login redirect or 401) and returns false. */
function ensureSignedIn(req: Request, res: Response): boolean {
  if (req.user) return true;
  if (wantsHtml(req) && req.method === 'GET') {
    res.redirect(303, `/login?next=${encodeURIComponent(req.originalUrl)}`);
    return false;
  }
  throw new AppError(401, 'unauthenticated', 'Sign in first (session cookie or Authorization: Bearer <API token>).');
}

/** Signed in at all: anonymous browsers are sent to the login page, API clients get 401. */
export function requireUser(): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    if (ensureSignedIn(req, res)) next();
  };
}

/** Admins only. A lead is refused with 403: the page exists, it is just not theirs. */
export function requireAdmin(): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    if (!ensureSignedIn(req, res)) return;
    if (req.user!.role !== 'admin') throw new AppError(403, 'forbidden', 'Only administrators can do this.');
    next();
  };
}

/**
 * Admins see every project; a lead only the projects they are given. Another project answers
 * 404, as if it did not exist, so leads cannot probe which projects there are.
 */
export function requireProjectAccess(dataSource: DataSource, param = 'projectId'): RequestHandler {
  return async (req: Request, res: Response, next: NextFunction) => {
    if (!ensureSignedIn(req, res)) return;
    const projectId = Number(req.params[param]);
    if (!Number.isInteger(projectId) || projectId < 1) throw new NotFoundError('No such project.', 'project_not_found');
    if (req.user!.role === 'admin') {
      if (!(await dataSource.getRepository(Project).exists({ where: { id: projectId } }))) throw new NotFoundError('No such project.', 'project_not_found');
      return next();
    }
    const member = await dataSource.getRepository(ProjectLead).exists({ where: { projectId, userId: req.user!.id } });
    if (!member) throw new NotFoundError('No such project.', 'project_not_found');
    next();
  };
}

/** The project ids a user may read: null means all (admins). */
export async function readableProjectIds(dataSource: DataSource, user: { id: number; role: string }): Promise<number[] | null> {
  if (user.role === 'admin') return null;
  const rows = await dataSource.getRepository(ProjectLead).find({ where: { userId: user.id } });
  return rows.map((row) => row.projectId);
}
