// What carried the exchange (a region named Connection): which connection, where the host resolved,
// which local and remote address it joined, whether it was new or reused from the pool (and how many
// exchanges it has carried), its TLS session and the server's certificate; and, once the exchange is
// over, whether the connection went back to the pool and, if not, why, with the RFC section. One
// line and the reuse sentence when closed; the details when opened.
import { Fragment } from 'react';
import type { ConnectionInfo, TlsSummary } from '../../shared/wire-events';

function endpoint(address: string | undefined, port: number | undefined): string {
  if (!address) return '';
  return address.includes(':') ? `[${address}]:${port}` : `${address}:${port}`;
}

function names(record: Record<string, string>): string {
  return Object.entries(record)
    .map(([key, value]) => `${key}=${value}`)
    .join(', ');
}

function Certificate({ certificate }: { certificate: TlsSummary }) {
  return (
    <>
      <dt>Subject</dt>
      <dd>{names(certificate.subject)}</dd>
      {certificate.subjectAltName && (
        <>
          <dt>Names</dt>
          <dd>{certificate.subjectAltName}</dd>
        </>
      )}
      <dt>Issuer</dt>
      <dd>{names(certificate.issuer)}</dd>
      <dt>Valid</dt>
      <dd>
        {certificate.validFrom} to {certificate.validTo}
      </dd>
      <dt>SHA-256</dt>
      <dd className="fingerprint">{certificate.fingerprint256}</dd>
    </>
  );
}

/** "1 exchange", "3 exchanges"; "an exchange" when the count is not known. */
function exchanges(count: number | undefined): string {
  return count === undefined ? 'an exchange' : `${count} ${count === 1 ? 'exchange' : 'exchanges'}`;
}

/** Which exchange on its connection this is, e.g. "exchange 3 on it", when known. */
function exchangeOn(connection: ConnectionInfo): string {
  return connection.earlierExchanges === undefined ? '' : ` (exchange ${connection.earlierExchanges + 1} on it)`;
}

/** After the exchange: kept for the next request, or closed and why. */
function reuseSentence(connection: ConnectionInfo): string | null {
  const { reuse } = connection;
  if (!reuse) return null;
  const carried = `It carried ${exchanges(reuse.exchanges)}.`;
  return reuse.reusable
    ? `After this exchange: kept open in the pool for the next request to this server. ${carried}`
    : `After this exchange: closed, not reused, because ${reuse.because ?? 'the exchange did not allow it'}. ${carried}`;
}

export function ConnectionDetails({ connection }: { connection: ConnectionInfo }) {
  const { host, addresses, remoteAddress, remotePort, localAddress, localPort, reused, tls } = connection;
  if (host === undefined && remoteAddress === undefined) return null;
  const remote = endpoint(remoteAddress, remotePort);
  const how = reused === undefined ? '' : reused ? `reused from the pool${exchangeOn(connection)}` : 'new connection';
  const which = connection.connectionId === undefined ? 'Connection' : `Connection #${connection.connectionId}`;
  const afterwards = reuseSentence(connection);
  const security = tls
    ? `${tls.protocol ?? 'TLS'}${tls.authorized ? ', certificate verified' : ', certificate not verified'}`
    : remote
      ? 'plain HTTP'
      : '';
  return (
    <section className="connection" aria-label="Connection">
      <details className="connection-details">
        <summary>
          {which}: {[remote || host, how, security].filter((part) => part).join(' · ')}
        </summary>
        <dl>
          {host !== undefined && (
            <>
              <dt>Resolved</dt>
              <dd>
                {host} to {addresses && addresses.length > 0 ? addresses.join(', ') : 'no address'}
              </dd>
            </>
          )}
          {remote && (
            <>
              <dt>Connected</dt>
              <dd>
                from {endpoint(localAddress, localPort) || 'an unknown local address'} to {remote}
                {reused !== undefined &&
                  `, ${
                    reused
                      ? `a connection taken from the pool (it carried ${exchanges(connection.earlierExchanges)} before)`
                      : 'a new connection'
                  }`}
              </dd>
            </>
          )}
          {tls && (
            <>
              <dt>TLS</dt>
              <dd>
                {tls.protocol ?? 'unknown protocol'}, {tls.cipher}
                {tls.alpn !== undefined && `, ALPN ${tls.alpn ?? 'none agreed'}`}
              </dd>
              <dt>Certificate</dt>
              <dd>
                {tls.authorized
                  ? 'verified against the trusted CAs'
                  : `not verified: ${tls.authorizationError ?? 'unknown reason'}`}
              </dd>
              {tls.chain && tls.chain.length > 0
                ? tls.chain.map((certificate, i) => (
                    <Fragment key={certificate.fingerprint256}>
                      <dt className="chain-step">
                        {i === 0 ? "Server's certificate" : `Issuer ${i}`}
                        {i > 0 && i === tls.chain!.length - 1 && ' (the last sent)'}
                      </dt>
                      <Certificate certificate={certificate} />
                    </Fragment>
                  ))
                : tls.peerCertificate && <Certificate certificate={tls.peerCertificate} />}
            </>
          )}
        </dl>
      </details>
      {afterwards && (
        <p className={`reuse ${connection.reuse?.reusable ? 'reuse-kept' : 'reuse-closed'}`}>{afterwards}</p>
      )}
    </section>
  );
}
