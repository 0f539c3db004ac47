// The application shell. Until the composer and live views land (the UI issue), it opens on a
// worked example: a chunked response exactly as it crosses the wire.
import { inspectorApi } from './api/inspector';
import { ConnectionStatus } from './components/ConnectionStatus';
import { WireBytes } from './components/WireBytes';
import { latin1Bytes } from '../shared/visible-bytes';

const SAMPLE_RESPONSE = latin1Bytes(
  'HTTP/1.1 200 OK\r\n' +
    'Content-Type: text/plain\r\n' +
    'Transfer-Encoding: chunked\r\n' +
    '\r\n' +
    '5\r\nHello\r\n' +
    '7;lang=en\r\n, world\r\n' +
    '0\r\n' +
    'Server-Timing: total;dur=12\r\n' +
    '\r\n',
);

export function App() {
  return (
    <div className="app">
      <header className="app-header">
        <h1>Lowhaio Inspector</h1>
        <p>Every byte of HTTP/1.1, with its framing, as it arrives.</p>
      </header>
      <main>
        <h2>A chunked response on the wire</h2>
        <WireBytes label="Sample response bytes" bytes={SAMPLE_RESPONSE} />
      </main>
      <ConnectionStatus api={inspectorApi()} />
    </div>
  );
}
