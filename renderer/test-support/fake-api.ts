// Test support: an InspectorApi whose members reject unless a test gives them.
import type { InspectorApi } from '../../shared/inspector-api';

export function fakeApi(overrides: Partial<InspectorApi> = {}): InspectorApi {
  const missing = () => Promise.reject(new Error('not used in this test'));
  return {
    getAppInfo: missing,
    send: missing,
    cancel: missing,
    readBytes: missing,
    readFrames: missing,
    describeBody: missing,
    findInCapture: missing,
    readBody: missing,
    listHistory: missing,
    getSpec: missing,
    deleteHistory: missing,
    clearHistory: missing,
    getDemoServer: missing,
    listCollection: missing,
    readRequestFile: missing,
    writeRequestFile: missing,
    renameCollectionEntry: missing,
    deleteCollectionEntry: missing,
    createCollectionFolder: missing,
    chooseCollectionFolder: missing,
    saveText: missing,
    saveBody: missing,
    saveRaw: missing,
    chooseUploadFile: missing,
    useFile: missing,
    subscribe: () => () => {},
    ...overrides,
  };
}
