import { LandingZoneValidationError, UserError, isUserError } from '@landfall/model';
import { isProgramFault } from '../src/report';

describe('which errors are whose', () => {
  test("a fault of Landfall's own code is a program fault: exit 2, with its stack", () => {
    expect(isProgramFault(new TypeError("Cannot read properties of undefined (reading 'id')"))).toBe(true);
    expect(isProgramFault(new ReferenceError('x is not defined'))).toBe(true);
    expect(isProgramFault(Object.assign(new Error('assertion'), { code: 'ERR_ASSERTION' }))).toBe(true);
  });

  test('what the SDK, Node or the endpoint raise for what they were given is not', () => {
    // `--endpoint 'not a url'`: Node's TypeError carries a code.
    expect(isProgramFault(Object.assign(new TypeError('Invalid URL'), { code: 'ERR_INVALID_URL' }))).toBe(false);
    // An answer that is not JSON (a proxy's error page): the SDK's SyntaxError, with the response.
    expect(isProgramFault(Object.assign(new SyntaxError('Unexpected token <'), { $response: {} }))).toBe(false);
    expect(isProgramFault(new SyntaxError('Unexpected token <'))).toBe(false);
    expect(isProgramFault(Object.assign(new TypeError('bad answer'), { $metadata: { httpStatusCode: 502 } }))).toBe(
      false,
    );
    expect(isProgramFault(Object.assign(new Error('EACCES'), { code: 'EACCES' }))).toBe(false);
  });

  test("the user's to correct: the definition's and the lock file's errors, and UserError, also from another copy", () => {
    expect(isUserError(new UserError('accounts.lock.json', 'not valid JSON', 'restore it'))).toBe(true);
    expect(isUserError(new LandingZoneValidationError([{ path: 'name', message: 'is required', fix: 'add it' }]))).toBe(
      true,
    );
    expect(isUserError(Object.assign(new Error('x'), { name: 'UserError' }))).toBe(true);
    expect(isUserError(new TypeError('x'))).toBe(false);
    expect(new UserError('--out a/b', 'cannot be written', 'pass a folder').message).toBe(
      '--out a/b: cannot be written — pass a folder',
    );
  });
});
