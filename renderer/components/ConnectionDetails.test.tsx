import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { ConnectionDetails } from './ConnectionDetails';

describe('ConnectionDetails', () => {
  it('says in one line where the exchange went, and the resolve, connection, TLS and certificate when opened', async () => {
    render(
      <ConnectionDetails
        connection={{
          host: 'localhost',
          addresses: ['::1', '127.0.0.1'],
          remoteAddress: '::1',
          remotePort: 8443,
          localAddress: '::1',
          localPort: 50123,
          reused: false,
          tls: {
            protocol: 'TLSv1.3',
            cipher: 'TLS_AES_256_GCM_SHA384',
            authorized: false,
            authorizationError: 'DEPTH_ZERO_SELF_SIGNED_CERT',
            peerCertificate: {
              subject: { CN: 'localhost' },
              issuer: { CN: 'localhost' },
              validFrom: 'Jan 1 2026',
              validTo: 'Jan 1 2027',
              fingerprint256: 'AB:CD',
              subjectAltName: 'DNS:localhost',
            },
            alpn: 'http/1.1',
            chain: [
              {
                subject: { CN: 'localhost' },
                issuer: { CN: 'Test CA' },
                validFrom: 'Jan 1 2026',
                validTo: 'Jan 1 2027',
                fingerprint256: 'AB:CD',
                subjectAltName: 'DNS:localhost',
              },
              {
                subject: { CN: 'Test CA' },
                issuer: { CN: 'Test CA' },
                validFrom: 'Jan 1 2025',
                validTo: 'Jan 1 2035',
                fingerprint256: 'EF:01',
              },
            ],
          },
        }}
      />,
    );
    expect(
      screen.getByText('Connection: [::1]:8443 · new connection · TLSv1.3, certificate not verified'),
    ).toBeInTheDocument();
    await userEvent.click(screen.getByText(/^Connection:/));
    expect(screen.getByText('localhost to ::1, 127.0.0.1')).toBeVisible();
    expect(screen.getByText('from [::1]:50123 to [::1]:8443, a new connection')).toBeVisible();
    expect(screen.getByText('TLSv1.3, TLS_AES_256_GCM_SHA384, ALPN http/1.1')).toBeVisible();
    expect(screen.getByText("Server's certificate")).toBeVisible();
    expect(screen.getByText('Issuer 1 (the last sent)')).toBeVisible();
    expect(screen.getByText('EF:01')).toBeVisible();
    expect(screen.getByText('not verified: DEPTH_ZERO_SELF_SIGNED_CERT')).toBeVisible();
    expect(screen.getByText('DNS:localhost')).toBeVisible();
    expect(screen.getByText('AB:CD')).toBeVisible();
  });

  it('says a reused plain connection is one, and shows nothing before any connection', () => {
    const { container, rerender } = render(<ConnectionDetails connection={{}} />);
    expect(container).toBeEmptyDOMElement();
    rerender(
      <ConnectionDetails
        connection={{
          host: '127.0.0.1',
          addresses: ['127.0.0.1'],
          remoteAddress: '127.0.0.1',
          remotePort: 80,
          reused: true,
        }}
      />,
    );
    expect(screen.getByText('Connection: 127.0.0.1:80 · reused from the pool · plain HTTP')).toBeInTheDocument();
  });

  it('names the connection, counts its exchanges, and says why it was not reused', () => {
    const plain = { host: '127.0.0.1', addresses: ['127.0.0.1'], remoteAddress: '127.0.0.1', remotePort: 80 };
    const { rerender } = render(
      <ConnectionDetails
        connection={{
          ...plain,
          connectionId: 7,
          reused: true,
          earlierExchanges: 2,
          reuse: { reusable: true, exchanges: 3 },
        }}
      />,
    );
    const region = screen.getByRole('region', { name: 'Connection' });
    expect(region).toHaveTextContent(
      'Connection #7: 127.0.0.1:80 · reused from the pool (exchange 3 on it) · plain HTTP',
    );
    expect(region).toHaveTextContent('a connection taken from the pool (it carried 2 exchanges before)');
    expect(region).toHaveTextContent(
      'After this exchange: kept open in the pool for the next request to this server. It carried 3 exchanges.',
    );
    rerender(
      <ConnectionDetails
        connection={{
          ...plain,
          connectionId: 8,
          reused: false,
          earlierExchanges: 0,
          reuse: {
            reusable: false,
            exchanges: 1,
            because: 'the response says Connection: close (RFC 9112 section 9.6)',
          },
        }}
      />,
    );
    expect(screen.getByRole('region', { name: 'Connection' })).toHaveTextContent(
      'After this exchange: closed, not reused, because the response says Connection: close (RFC 9112 section 9.6). It carried 1 exchange.',
    );
  });
});
