// How the e2e tests reach the app: browser mode on a fixed port, with a token known to the tests.
export const E2E_PORT = Number(process.env['E2E_PORT'] ?? 4173);
export const E2E_TOKEN = 'e2e-token-not-secret';
/** The path that opens the app: the token rides in the fragment, which no request carries. */
export const APP_PATH = `/#token=${E2E_TOKEN}`;
