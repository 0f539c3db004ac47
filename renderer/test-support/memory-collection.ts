// Test support: the collection methods of InspectorApi over an in-memory folder (path -> text), with
// the store's rules that the components rely on: create refuses an existing file, replace a missing
// one, only empty folders are deleted, a deleted file's text comes back.
import type { CollectionListing, InspectorApi } from '../../shared/inspector-api';

export function memoryCollection(
  files: Record<string, string> = {},
  folders: string[] = [],
  envText: string | null = null,
) {
  const texts = new Map(Object.entries(files));
  const dirs = new Set(folders);
  const fail = (code: string, message: string) => Object.assign(new Error(message), { code });
  const listCollection = async (): Promise<CollectionListing> => ({
    folder: '/memory',
    entries: [
      ...[...dirs].map((path) => ({ path, kind: 'folder' as const })),
      ...[...texts.keys()].map((path) => ({ path, kind: 'file' as const })),
    ].sort((a, b) => a.path.localeCompare(b.path)),
    truncated: false,
    envText,
    privateEnvText: null,
  });
  const api: Partial<InspectorApi> = {
    listCollection,
    readRequestFile: async (path) => {
      const text = texts.get(path);
      if (text === undefined) throw fail('ERR_COLLECTION_MISSING', `${path} is no longer there`);
      return text;
    },
    writeRequestFile: async (path, text, mode) => {
      if (mode === 'create' && texts.has(path)) throw fail('ERR_COLLECTION_EXISTS', `${path} is already saved`);
      if (mode === 'replace' && !texts.has(path)) throw fail('ERR_COLLECTION_MISSING', `${path} is no longer there`);
      texts.set(path, text);
    },
    renameCollectionEntry: async (from, to) => {
      const text = texts.get(from);
      if (text === undefined) throw fail('ERR_COLLECTION_MISSING', `${from} is no longer there`);
      texts.delete(from);
      texts.set(to, text);
    },
    deleteCollectionEntry: async (path) => {
      const text = texts.get(path);
      if (text !== undefined) {
        texts.delete(path);
        return text;
      }
      if ([...texts.keys()].some((file) => file.startsWith(`${path}/`)))
        throw fail('ERR_COLLECTION_NOT_EMPTY', `${path} is not empty`);
      dirs.delete(path);
      return null;
    },
    createCollectionFolder: async (path) => {
      dirs.add(path);
    },
    chooseCollectionFolder: async () => null,
  };
  return { api, texts };
}
