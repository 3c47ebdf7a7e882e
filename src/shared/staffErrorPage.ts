import type { Request } from 'express';

/** Admins' and project leads' pages: /admin…, and a project's dashboard and report under /projects/…. */
export function isStaffArea(req: Request): boolean {
  return req.path === '/admin' || req.path.startsWith('/admin/') || req.path.startsWith('/projects/');
}

/**
 * What an admin or a lead reads when a page of their area cannot be shown: in Danish, as the
 * area is, saying what happened without the developer's English message. A project the reader
 * may not see answers 404 like one that does not exist (leads cannot probe for projects), so the
 * 404 text names both possibilities.
 */
export function staffErrorText(status: number, code: string): { heading: string; text: string } {
  if (code === 'csrf_failed') return { heading: 'Formularen kunne ikke sendes', text: 'Formularen er for gammel, eller den kom ikke fra Pejling. Gå tilbage, genindlæs siden, og prøv igen. Intet er gemt.' };
  if (status === 403) return { heading: 'Kun for administratorer', text: 'Siden er kun for administratorer. Som projektleder kan du se resultater, rapport og data for dine egne projekter.' };
  if (status === 404) return { heading: 'Siden findes ikke', text: 'Vi kan ikke finde siden. Adressen kan være forkert, eller siden hører til et projekt, du ikke har adgang til.' };
  if (status === 503) return { heading: 'Databasen svarer ikke lige nu', text: 'Intet er gået tabt. Prøv igen om et øjeblik.' };
  if (status >= 500) return { heading: 'Noget gik galt hos os', text: 'Siden kunne ikke vises. Prøv igen om et øjeblik; sker det igen, så kontakt en administrator.' };
  return { heading: 'Siden kan ikke vises', text: 'Adressen indeholder noget, Pejling ikke kan bruge. Gå tilbage, og prøv igen.' };
}
