import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ExplainPanel } from './ExplainPanel';

describe('ExplainPanel', () => {
  it("shows a HEAD response's empty line in its message: the rule, the RFC's sentences with whom they bind, a link", () => {
    render(
      <ExplainPanel
        frame={{ kind: 'head-end', start: 38, end: 40 }}
        context={{
          direction: 'rx',
          method: 'HEAD',
          code: 200,
          fields: [['Content-Length', '1234']],
          framing: { body: 'none', rule: 1, because: 'no body: it answers a HEAD request', reusable: true },
        }}
      />,
    );
    const panel = screen.getByRole('region', { name: 'Explain' });
    expect(panel).toHaveTextContent('No body follows: this is a response to HEAD (RFC 9112 section 6.3, rule 1).');
    expect(panel).toHaveTextContent('Content-Length gives the size the body would have had');
    const rfc = within(panel).getByRole('region', { name: 'The RFC says' });
    expect(rfc).toHaveTextContent('MUST NOT binds the server');
    expect(rfc).toHaveTextContent('the server MUST NOT send content in the response.');
    expect(within(rfc).getAllByRole('link', { name: 'RFC 9110 section 9.3.2' })[0]).toHaveAttribute(
      'href',
      'https://www.rfc-editor.org/rfc/rfc9110#section-9.3.2',
    );
    // The range is half-open and decimal, its hex on hover.
    expect(panel).toHaveTextContent('bytes [38, 40) of the response: from byte 38 up to, not including, byte 40');
    expect(within(panel).getAllByTitle('0x26')[0]).toHaveTextContent('38');
    expect(within(panel).getByRole('link', { name: 'RFC 9112 section 6.3, Message Body Length' })).toHaveAttribute(
      'href',
      'https://www.rfc-editor.org/rfc/rfc9112#section-6.3',
    );
  });

  it('keeps what the inspector chooses apart from what the RFC requires, for an error', () => {
    render(
      <ExplainPanel
        frame={null}
        context={{ direction: 'rx' }}
        error={{
          name: 'HttpProtocolError',
          code: 'ERR_HTTP_BARE_LF',
          message: 'A line ends with LF (0x0a) alone; HTTP/1.1 lines end with CR LF, at byte 15 of the response.',
          fault: 'server',
          direction: 'rx',
          offset: 15,
          start: 0,
          end: 16,
          rfc9112Section: '2.2',
        }}
      />,
    );
    const rfc = screen.getByRole('region', { name: 'The RFC says' });
    expect(rfc).toHaveTextContent('MAY binds the recipient');
    const inspector = screen.getByRole('region', { name: 'The inspector chooses' });
    expect(inspector).toHaveTextContent('its policy, stricter than the RFC');
    expect(rfc).not.toHaveTextContent('policy');
    expect(screen.getByText(/^Warning:/).closest('p')).toHaveTextContent('response splitting and desync');
  });
});
