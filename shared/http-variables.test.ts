import { describe, expect, it } from 'vitest';
import { parseEnvironments, substitute, variablesOf } from './http-variables';

describe('{{variables}} and environments', () => {
  const envs = parseEnvironments(
    JSON.stringify({ $shared: { scheme: 'http' }, dev: { host: '127.0.0.1:1', port: 1 }, prod: { host: 'prod.test' } }),
    JSON.stringify({ dev: { token: 'secret' }, staging: { host: 's.test' } }),
  );

  it('reads environments from the env file and its private companion, $shared under each', () => {
    expect(envs.problems).toEqual([]);
    expect(envs.names).toEqual(['dev', 'prod', 'staging']);
    const dev = variablesOf(envs, 'dev');
    expect(Object.fromEntries(dev)).toEqual({ scheme: 'http', host: '127.0.0.1:1', port: '1', token: 'secret' });
    expect(variablesOf(envs, null).get('host')).toBeUndefined();
  });

  it('substitutes names (spaces inside the braces allowed) and names those it does not know', () => {
    const vars = variablesOf(envs, 'dev', [['path', '/items/{{ token }}']]);
    expect(substitute('{{scheme}}://{{ host }}{{path}}?q={{nope}}&r={{nope}}', vars)).toEqual({
      text: 'http://127.0.0.1:1/items/secret?q={{nope}}&r={{nope}}',
      missing: ['nope'],
    });
  });

  it('has the dynamic variables both editors have', () => {
    const now = () => new Date('2026-12-02T10:00:00Z');
    const vars = new Map<string, string>();
    expect(substitute('{{$timestamp}} {{$isoTimestamp}}', vars, now).text).toBe('1796205600 2026-12-02T10:00:00.000Z');
    expect(substitute('{{$randomInt 5 7}}', vars, now, () => 0.99).text).toBe('6');
    expect(substitute('{{$uuid}}', vars).text).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    expect(substitute('{{$processEnv HOME}}', vars).missing).toEqual(['$processEnv HOME']);
  });

  it('says what is wrong with an env file, and keeps what it can', () => {
    const bad = parseEnvironments('{"dev": {"a": 1, "b": {"nested": true}}, "x": 3}', '{nope');
    expect(bad.names).toEqual(['dev']);
    expect(bad.values['dev']).toEqual({ a: '1' });
    expect(bad.problems).toEqual([
      'http-client.env.json: dev.b must be a string, a number or a boolean; it is left out.',
      'http-client.env.json: the environment "x" must be an object of variables.',
      expect.stringMatching(/^http-client\.private\.env\.json is not JSON/),
    ]);
  });
});
