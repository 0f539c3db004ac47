// What carried the exchange: where the host resolved, which local and remote address the connection
// joined, whether it was new or reused from the pool, and its TLS session and the server's
// certificate. One line when closed; the details when opened.
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

export function ConnectionDetails({ connection }: { connection: ConnectionInfo }) {
  const { host, addresses, remoteAddress, remotePort, localAddress, localPort, reused, tls } = connection;
  if (host === undefined && remoteAddress === undefined) return null;
  const remote = endpoint(remoteAddress, remotePort);
  const how = reused === undefined ? '' : reused ? 'reused from the pool' : 'new connection';
  const security = tls
    ? `${tls.protocol ?? 'TLS'}${tls.authorized ? ', certificate verified' : ', certificate not verified'}`
    : remote
      ? 'plain HTTP'
      : '';
  return (
    <details className="connection-details">
      <summary>Connection: {[remote || host, how, security].filter((part) => part).join(' · ')}</summary>
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
                `, ${reused ? 'a connection taken from the pool (it carried an exchange before)' : 'a new connection'}`}
            </dd>
          </>
        )}
        {tls && (
          <>
            <dt>TLS</dt>
            <dd>
              {tls.protocol ?? 'unknown protocol'}, {tls.cipher}
            </dd>
            <dt>Certificate</dt>
            <dd>
              {tls.authorized
                ? 'verified against the trusted CAs'
                : `not verified: ${tls.authorizationError ?? 'unknown reason'}`}
            </dd>
            {tls.peerCertificate && <Certificate certificate={tls.peerCertificate} />}
          </>
        )}
      </dl>
    </details>
  );
}
