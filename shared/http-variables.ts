// How this works: `{{name}}` variables, as the JetBrains HTTP Client and the VS Code REST Client
// substitute them, from an environment of `http-client.env.json` beside the .http files (JetBrains'
// `http-client.private.env.json` on top of it, for secrets kept out of git) and from the file's own
// `@name = value` lines. Environments are a JSON object of objects: {"dev": {"host": "..."}};
// "$shared" (the REST Client's) is under every one. Dynamic variables: {{$uuid}} ({{$guid}}),
// {{$timestamp}} (Unix seconds), {{$isoTimestamp}}, {{$randomInt}} (0 to 999, or {{$randomInt MIN MAX}}).
// An unknown name is a problem to name, never sent as is.

export interface Environments {
  /** The environments' names, in file order ($shared is not one). */
  names: string[];
  values: Record<string, Record<string, string>>;
  problems: string[];
}

export const ENV_FILE = 'http-client.env.json';
export const PRIVATE_ENV_FILE = 'http-client.private.env.json';

/** The environments of an env file and its private companion (either may be null: no such file). */
export function parseEnvironments(publicText: string | null, privateText: string | null): Environments {
  const problems: string[] = [];
  const values: Record<string, Record<string, string>> = {};
  const names: string[] = [];
  for (const [file, text] of [
    [ENV_FILE, publicText],
    [PRIVATE_ENV_FILE, privateText],
  ] as const) {
    if (text === null) continue;
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (error) {
      problems.push(`${file} is not JSON (${(error as Error).message}); its environments are left out.`);
      continue;
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      problems.push(`${file} must be a JSON object of environments, as {"dev": {"host": "localhost"}}.`);
      continue;
    }
    for (const [env, vars] of Object.entries(parsed)) {
      if (typeof vars !== 'object' || vars === null || Array.isArray(vars)) {
        problems.push(`${file}: the environment "${env}" must be an object of variables.`);
        continue;
      }
      if (env !== '$shared' && !names.includes(env)) names.push(env);
      const into = (values[env] ??= {});
      for (const [name, value] of Object.entries(vars as Record<string, unknown>)) {
        if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
          into[name] = String(value);
        else problems.push(`${file}: ${env}.${name} must be a string, a number or a boolean; it is left out.`);
      }
    }
  }
  return { names, values, problems };
}

/** The variables of environment `env` (null: none chosen), under the file's own. */
export function variablesOf(
  environments: Environments,
  env: string | null,
  fileVariables: ReadonlyArray<[string, string]> = [],
): Map<string, string> {
  const vars = new Map<string, string>(Object.entries(environments.values['$shared'] ?? {}));
  for (const [name, value] of Object.entries(env ? (environments.values[env] ?? {}) : {})) vars.set(name, value);
  for (const [name, value] of fileVariables) vars.set(name, substitute(value, vars).text);
  return vars;
}

export interface Substituted {
  text: string;
  /** Names used but not defined, each once. */
  missing: string[];
}

const REFERENCE = /\{\{\s*([^{}]+?)\s*\}\}/g;

/** `text` with every {{name}} replaced; what is not defined is left as is and named in `missing`. */
export function substitute(
  text: string,
  vars: ReadonlyMap<string, string>,
  now: () => Date = () => new Date(),
  random: () => number = Math.random,
  uuid: () => string = () => randomUuid(random),
): Substituted {
  const missing: string[] = [];
  const out = text.replace(REFERENCE, (whole, name: string) => {
    const value = vars.get(name) ?? dynamic(name, now, random, uuid);
    if (value !== undefined) return value;
    if (!missing.includes(name)) missing.push(name);
    return whole;
  });
  return { text: out, missing };
}

/** A version 4 UUID from `random` (the page passes crypto.randomUUID instead, where it has it). */
function randomUuid(random: () => number): string {
  const hex = Array.from({ length: 32 }, () => Math.floor(random() * 16).toString(16));
  hex[12] = '4';
  hex[16] = ((parseInt(hex[16]!, 16) & 3) | 8).toString(16);
  const h = hex.join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

function dynamic(name: string, now: () => Date, random: () => number, uuid: () => string): string | undefined {
  const [fn, ...args] = name.split(/\s+/);
  if (fn === '$uuid' || fn === '$guid' || fn === '$random.uuid') return uuid();
  if (fn === '$timestamp') return String(Math.floor(now().getTime() / 1000));
  if (fn === '$isoTimestamp') return now().toISOString();
  if (fn === '$randomInt') {
    const [min, max] = args.length === 2 ? args.map(Number) : [0, 1000];
    if (!Number.isInteger(min) || !Number.isInteger(max) || max! <= min!) return undefined;
    return String(min! + Math.floor(random() * (max! - min!)));
  }
  return undefined;
}
