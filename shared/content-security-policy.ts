// The page's Content-Security-Policy, sent as a header by both shells (browser mode's server, the
// Electron app:// scheme): only the app's own scripts, styles, images, fonts and connections; no
// framing, no base or form targets elsewhere. (renderer/index.html carries the same in a meta tag.)
export const CONTENT_SECURITY_POLICY =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
