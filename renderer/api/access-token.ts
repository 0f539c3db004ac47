// How this works: browser mode's access token reaches the page in its URL's fragment (#token=...),
// which the browser never sends to a server. The page takes it at once, keeps it in this tab's
// sessionStorage (scoped to this origin: no other local server, on any port, can read it; a reload
// finds it again) and takes it out of the address bar and the history with replaceState.
const KEY = 'lowhaio-inspector-token';

/** The token from the URL's fragment (then removed from it), or the one this tab kept; null when there is none. */
export function takeAccessToken(
  location: Location = window.location,
  history: History = window.history,
  storage: Storage = window.sessionStorage,
): string | null {
  const fragment = new URLSearchParams(location.hash.replace(/^#/, ''));
  const given = fragment.get('token');
  if (given) {
    storage.setItem(KEY, given);
    fragment.delete('token');
    const rest = fragment.toString();
    history.replaceState(history.state, '', `${location.pathname}${location.search}${rest ? `#${rest}` : ''}`);
    return given;
  }
  return storage.getItem(KEY);
}
