// The page's localStorage, or null where the page may not use it (a blocked storage throws on the
// mere access): what is kept there then lasts until the page closes.
export function safeLocalStorage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    // Storage blocked by the browser's settings: choices are not remembered, and nothing else changes.
    return null;
  }
}
