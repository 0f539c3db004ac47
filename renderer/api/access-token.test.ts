import { beforeEach, describe, expect, it } from 'vitest';
import { takeAccessToken } from './access-token';

describe('takeAccessToken', () => {
  beforeEach(() => {
    sessionStorage.clear();
    history.replaceState(null, '', '/');
  });

  it('takes the token from the fragment, keeps it in this tab, and takes it out of the address bar', () => {
    history.replaceState(null, '', '/?view=wire#token=abc-123');
    expect(takeAccessToken()).toBe('abc-123');
    expect(location.href).toBe('http://localhost:3000/?view=wire');
    expect(location.hash).toBe('');
    // A reload (no fragment any more) finds it in this tab's storage.
    expect(takeAccessToken()).toBe('abc-123');
  });

  it('keeps the rest of the fragment, and says null when there is no token at all', () => {
    expect(takeAccessToken()).toBeNull();
    history.replaceState(null, '', '/#token=t&row=5');
    expect(takeAccessToken()).toBe('t');
    expect(location.hash).toBe('#row=5');
  });
});
