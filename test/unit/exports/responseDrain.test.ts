import { EventEmitter } from 'node:events';
import { expect } from 'chai';
import type { Response } from 'express';
import { asciiSlug, exportFileName } from '../../../src/exports/fileNames.js';
import { DownloadAbandoned, whenDrained } from '../../../src/exports/responseDrain.js';
import { sheetName } from '../../../src/exports/xlsxWriter.js';

/** A response whose buffer is full, as a slow or departed client leaves it. */
function fullResponse(): Response & EventEmitter {
  return Object.assign(new EventEmitter(), { writableNeedDrain: true, destroyed: false }) as unknown as Response & EventEmitter;
}

describe('streamed downloads', () => {
  it('wait for a slow reader, and stop as soon as the client has gone instead of waiting forever', async () => {
    const slow = fullResponse();
    const waiting = whenDrained(slow);
    slow.emit('drain');
    await waiting;
    expect(slow.listenerCount('drain') + slow.listenerCount('close')).to.equal(0);

    const gone = fullResponse();
    const abandoned = whenDrained(gone).then(() => 'drained', (error: unknown) => error);
    gone.emit('close');
    expect(await abandoned).to.be.instanceOf(DownloadAbandoned);
    const destroyed = Object.assign(fullResponse(), { destroyed: true });
    expect(await whenDrained(destroyed).then(() => 'drained', (error: unknown) => error)).to.be.instanceOf(DownloadAbandoned);
  });

  it('name files with the project, rounds and Danish date in letters every system takes', () => {
    expect(asciiSlug('Håndholdt indsats – Ærø/Æbeltoft (2026)')).to.equal('Haandholdt-indsats-Aeroe-Aebeltoft-2026');
    expect(asciiSlug('Crème brûlée')).to.equal('Creme-brulee');
    expect(asciiSlug('!!!')).to.equal('x');
    // 23:30 UTC on 5 December is already the 6th in Copenhagen.
    expect(exportFileName({ project: 'HIR Århus', rounds: ['START', 'SLUT ø'], what: 'paired', extension: 'xlsx', at: new Date('2026-12-05T23:30:00Z') }))
      .to.equal('pejling-hir-aarhus-START-SLUT-oe-paired-2026-12-06.xlsx');
  });

  it('give sheets names Excel accepts', () => {
    expect(sheetName('Ved ikke – hvor gik svarene hen? [alle]/k')).to.have.length.at.most(31);
    expect(sheetName('Ved ikke – hvor gik svarene hen? [alle]/k')).to.not.match(/[[\]:*?/\\]/);
    expect(sheetName('')).to.equal('Ark');
  });
});
