import type { NextFunction, Request, Response } from 'express';
import multer from 'multer';
import { BadRequestError } from '../shared/errors.js';

const MAX_UPLOAD_BYTES = 2 * 1024 * 1024;
const parse = multer({ storage: multer.memoryStorage(), limits: { fileSize: MAX_UPLOAD_BYTES, files: 1, fields: 10 } }).single('file');

/**
 * Parses a signed-in person's multipart form (a file upload: `req.file`, the other fields in
 * `req.body`) before the CSRF check, so the upload carries its CSRF token as a form field like
 * every other form, and no route can forget to check it. Anonymous uploads are not read at all:
 * no route takes one, and the CSRF check refuses them unread.
 */
export function multipartForms(req: Request, res: Response, next: NextFunction): void {
  if (!req.user || !req.is('multipart/form-data')) return next();
  parse(req, res, (error: unknown) => {
    if (!error) return next();
    next(new BadRequestError(error instanceof multer.MulterError && error.code === 'LIMIT_FILE_SIZE' ? 'The file is larger than 2 MB.' : 'The upload could not be read.'));
  });
}
