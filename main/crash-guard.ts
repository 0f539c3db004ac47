// How this works: the last line of defence of a long-running service (browser mode, the Electron
// main process). Every handler already turns its own failures into error answers; should one slip
// through anyway (a bug, a library's stray 'error' event), it is logged with its stack and the
// process goes on serving the other pages and exchanges instead of exiting.
export function installCrashGuard(log: (line: string) => void = (line) => console.error(line)): () => void {
  const report = (what: string) => (error: unknown) => {
    const text = error instanceof Error ? (error.stack ?? error.message) : String(error);
    log(`Lowhaio Inspector kept running after ${what}: ${text}`);
  };
  const onException = report('an uncaught exception');
  const onRejection = report('an unhandled promise rejection');
  process.on('uncaughtException', onException);
  process.on('unhandledRejection', onRejection);
  return () => {
    process.off('uncaughtException', onException);
    process.off('unhandledRejection', onRejection);
  };
}
