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
 * that never comes.
 */
export async function whenDrained(res: Response): Promise<void> {
  if (res.destroyed) throw new DownloadAbandoned();
  if (!res.writableNeedDrain) return;
  await new Promise<void>((resolve, reject) => {
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
