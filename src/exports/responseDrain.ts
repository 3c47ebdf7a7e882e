import type { Response } from 'express';
import { AppError } from '../shared/errors.js';

/** The client closed the download: stop reading rows for it. Not an error of ours, so not logged. */
export class DownloadAbandoned extends AppError {
  constructor() {
    super(499, 'client_closed_request', 'The client closed the connection during the download.');
  }
}

/**
 * Waits until the response takes more data (a slow reader holds the export back, so memory stays
 * flat); throws DownloadAbandoned once the client has gone, instead of waiting for a `drain`
 * that never comes. For a writer that does not see write()'s answer (exceljs) on a response the
 * compression middleware passes through (binary files); otherwise use writeWhenDrained.
 */
export async function whenDrained(res: Response): Promise<void> {
  if (res.destroyed) throw new DownloadAbandoned();
  if (!res.writableNeedDrain) return;
  await drainOrClose(res);
}

/**
 * Writes a chunk and waits when write() says so. Write's own answer, not `writableNeedDrain`: with
 * the compression middleware in front, `res.write` feeds the compressor, and `drain` listeners go
 * to it, while `writableNeedDrain` describes the socket, whose drain the compressor consumes; a
 * full socket behind a compressor that took the chunk would wait for a drain that never comes.
 */
export async function writeWhenDrained(res: Response, chunk: string | Buffer): Promise<void> {
  if (res.destroyed) throw new DownloadAbandoned();
  if (res.write(chunk)) return;
  await drainOrClose(res);
}

function drainOrClose(res: Response): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const settle = (error?: Error) => {
      res.off('drain', onDrain);
      res.off('close', onClose);
      if (error) reject(error); else resolve();
    };
    const onDrain = () => settle();
    const onClose = () => settle(new DownloadAbandoned());
    res.on('drain', onDrain);
    res.on('close', onClose);
  });
}
