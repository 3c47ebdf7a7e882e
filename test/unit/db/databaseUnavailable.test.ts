import { expect } from 'chai';
import { isDatabaseUnavailable } from '../../../src/db/databaseUnavailable.js';

describe('isDatabaseUnavailable', () => {
  it('counts a Galera node outside the primary component as unavailable (503), not a query error', () => {
    const wsrep = Object.assign(new Error('WSREP has not yet prepared node for application use'), { driverError: { code: 'ER_UNKNOWN_COM_ERROR', errno: 1047 } });
    const syntax = Object.assign(new Error('You have an error in your SQL syntax'), { driverError: { code: 'ER_PARSE_ERROR', errno: 1064 } });
    expect([wsrep, syntax].map(isDatabaseUnavailable)).to.deep.equal([true, false]);
  });
});
