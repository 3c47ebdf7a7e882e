import { EventEmitter } from 'node:events';
import { expect } from 'chai';
import type { Response } from 'express';
import { asciiSlug, exportFileName } from '../../../src/exports/fileNames.js';
import { DownloadAbandoned, whenDrained, writeWhenDrained } from '../../../src/exports/responseDrain.js';
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

  it('follow write()\'s own answer behind a compressor: a chunk it took goes on even while the socket is full', async () => {
    // The compression middleware takes a chunk (write() says true) while the socket behind it is full
    // (writableNeedDrain): waiting for a drain here would wait for one the compressor never sends.
    const compressing = Object.assign(fullResponse(), { write: () => true });
    expect(await Promise.race([writeWhenDrained(compressing, 'a;b\n').then(() => 'written'), new Promise((resolve) => setTimeout(() => resolve('stuck'), 100))])).to.equal('written');
    const refusing = Object.assign(fullResponse(), { writableNeedDrain: false, write: () => false });
    let drained = false;
    const waiting = writeWhenDrained(refusing, 'a;b\n').then(() => { drained = true; });
    await new Promise((resolve) => setImmediate(resolve));
    expect(drained).to.equal(false);
    refusing.emit('drain');
    await waiting;
    expect(drained).to.equal(true);
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
