// A capture's frames as the service pages them (about 1 MiB each, so that a capture of 100,000
// chunks never crosses as one message): start at cursor 0, go on with each page's `next`.
import type { CapturedFrame, InspectorApi } from '../../shared/inspector-api';

export async function* framePages(api: InspectorApi, id: string): AsyncGenerator<CapturedFrame[]> {
  for (let cursor: number | null = 0; cursor !== null;) {
    const page = await api.readFrames(id, cursor);
    yield page.frames;
    cursor = page.next;
  }
}
