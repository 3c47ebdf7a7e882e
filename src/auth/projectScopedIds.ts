import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { In, type DataSource } from 'typeorm';
import { Round } from '../db/entities/index.js';
import { NotFoundError } from '../shared/errors.js';

/**
 * One answer for a round that does not exist and one of another project: the same 404, with the
 * same body, so nobody can probe which ids exist elsewhere.
 */
export function roundNotFound(): NotFoundError {
  return new NotFoundError('No such round in this project.', 'round_not_found');
}

/**
 * The round ids a request names in its query (`round`, `baseline`, `followup`) must be rounds of
 * the project in the path; checked before anything else looks at them (the segment guard, the
 * comparison, an export). Put it after requireProjectAccess and the query's validation.
 */
export function requireRoundsOfProject(dataSource: DataSource, queryNames: string[]): RequestHandler {
  return async (req: Request, _res: Response, next: NextFunction) => {
    const ids = queryNames.map((name) => req.query[name]).filter((value) => value !== undefined).map(Number);
    if (ids.some((id) => !Number.isSafeInteger(id) || id < 1)) throw roundNotFound();
    const unique = [...new Set(ids)];
    if (unique.length) {
      const found = await dataSource.getRepository(Round).count({ where: { id: In(unique), projectId: Number(req.params.projectId) } });
      if (found !== unique.length) throw roundNotFound();
    }
    next();
  };
}
