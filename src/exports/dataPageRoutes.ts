import { Router } from 'express';
import { requireProjectAccess } from '../auth/authorize.js';
import { Project, Round } from '../db/entities/index.js';
import { reportableAttributesOf, visibleAttributes } from '../projects/reportableAttributes.js';
import { projectParamsSchema } from '../projects/projectSchemas.js';
import { ProjectService } from '../projects/projectService.js';
import { ConflictError } from '../shared/errors.js';
import type { ServiceDeps } from '../shared/serviceDeps.js';
import { validateRequest } from '../shared/validateRequest.js';
import { assertExportKAnonymous } from './exportAnonymity.js';
import { exportCatalog } from './exportCatalog.js';

/**
 * The Data page (admins and the project's leads): every export the reader may take, each with a
 * sentence on what the file holds. A lead whose record-level exports the k rule refuses is told
 * so here instead of meeting a 409 after clicking.
 */
export function dataPageRoutes(deps: ServiceDeps): Router {
  const router = Router();
  const projects = new ProjectService(deps.dataSource, deps.clock);

  router.get('/admin/projects/:projectId/data', validateRequest({ params: projectParamsSchema }), requireProjectAccess(deps.dataSource), async (req, res) => {
    const details = await projects.get(Number(req.params.projectId));
    const project = await deps.dataSource.getRepository(Project).findOneByOrFail({ id: details.id });
    const rounds = await deps.dataSource.getRepository(Round).find({ where: { projectId: project.id }, order: { opensAt: 'ASC', id: 'ASC' } });
    let refused: string | null = null;
    try {
      await assertExportKAnonymous(deps.dataSource, project, visibleAttributes(project, req.user!), req.user!);
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
      refused = `Mindst én gruppe af sagsbehandlere med de samme synlige oplysninger har færre end ${project.anonymityK} personer, så besvarelserne kan ikke hentes enkeltvis. En administrator kan gøre færre oplysninger synlige for projektlederne; kodebogen og R-scriptet kan du stadig hente.`;
    }
    const catalog = exportCatalog({ projectId: project.id, rounds, leadAttributes: reportableAttributesOf(project), recordLevel: refused === null });
    res.render('admin/projects/data', {
      title: `Data – ${details.name}`, nav: 'projects', project: details, catalog, refused,
      breadcrumbs: [{ href: '/admin/projects', label: 'Projekter' }, { href: `/admin/projects/${details.id}`, label: details.name }],
    });
  });
  return router;
}
