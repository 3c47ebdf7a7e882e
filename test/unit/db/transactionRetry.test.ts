import { expect } from 'chai';
import { isLockConflict, retryOnLockConflict, TRANSACTION_ATTEMPTS } from '../../../src/db/transactionRetry.js';

const driverError = (code: string, errno?: number) => Object.assign(new Error(code), { driverError: { code, errno } });

describe('retryOnLockConflict', () => {
  it('recognises deadlocks, lock wait timeouts and a busy SQLite file, and nothing else', () => {
    expect([driverError('ER_LOCK_DEADLOCK', 1213), driverError('ER_LOCK_WAIT_TIMEOUT', 1205), driverError('SQLITE_BUSY'), driverError('SQLITE_BUSY_SNAPSHOT')].map(isLockConflict)).to.deep.equal([true, true, true, true]);
    expect([driverError('ER_DUP_ENTRY', 1062), driverError('SQLITE_CONSTRAINT_UNIQUE'), new Error('x'), undefined].map(isLockConflict)).to.deep.equal([false, false, false, false]);
  });

  it('recognises a Galera node outside the primary component, not any other 1047', () => {
    const wsrep = Object.assign(new Error('x'), { driverError: { code: 'ER_UNKNOWN_COM_ERROR', errno: 1047, message: 'WSREP has not yet prepared node for application use' } });
    const unknownCommand = Object.assign(new Error('x'), { driverError: { code: 'ER_UNKNOWN_COM_ERROR', errno: 1047, message: 'Unknown command' } });
    expect([wsrep, unknownCommand].map(isLockConflict)).to.deep.equal([true, false]);
  });

  it('runs the work again after a lock conflict until it succeeds', async () => {
    let calls = 0;
    const result = await retryOnLockConflict(async () => {
      if (++calls < 3) throw driverError('ER_LOCK_DEADLOCK', 1213);
      return 'committed';
    });
    expect([result, calls]).to.deep.equal(['committed', 3]);
  });

  it('gives up after a bounded number of attempts, and never retries other errors', async () => {
    let calls = 0;
    const deadlock = driverError('ER_LOCK_DEADLOCK', 1213);
    await retryOnLockConflict(async () => { calls++; throw deadlock; }).then(() => expect.fail('resolved'), (error: unknown) => expect(error).to.equal(deadlock));
    expect(calls).to.equal(TRANSACTION_ATTEMPTS);
    calls = 0;
    await retryOnLockConflict(async () => { calls++; throw driverError('ER_DUP_ENTRY', 1062); }).catch(() => undefined);
    expect(calls).to.equal(1);
  });
});
