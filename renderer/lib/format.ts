// Sizes for people: bytes, KiB or MiB with one decimal.
export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KiB`;
  return `${(n / 1024 / 1024).toFixed(1)} MiB`;
}

/** A URL as a narrow list shows it: where it goes (host and port) and what it asks for (path and query). */
export function urlParts(url: string): { host: string; path: string } {
  try {
    const parsed = new URL(url);
    return { host: parsed.host, path: `${parsed.pathname}${parsed.search}` };
  } catch {
    // Not a URL the page can parse (history keeps what was sent): shown whole, as the path.
    return { host: '', path: url };
  }
}

/** A byte offset as the wire and hex views label rows: eight hex digits, as xxd prints it. */
export function hexOffset(offset: number): string {
  return offset.toString(16).padStart(8, '0');
}
