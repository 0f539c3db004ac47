import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { latin1Bytes } from '../../shared/visible-bytes';
import { WireBytes } from './WireBytes';

describe('WireBytes', () => {
  it('names its region and shows CR and LF as markers with their offsets', () => {
    render(<WireBytes label="Response bytes" bytes={latin1Bytes('HTTP/1.1 204 No Content\r\n\r\n')} offset={10} />);
    const region = screen.getByRole('region', { name: 'Response bytes' });
    expect(region).toHaveTextContent('HTTP/1.1 204 No Content');
    const markers = within(region).getAllByTitle(/^(CR|LF) /);
    expect(markers.map((m) => m.textContent)).toEqual(['\\r', '\\n', '\\r', '\\n']);
    expect(markers[0]).toHaveAttribute('title', 'CR (byte 0x0d) at offset 33');
    expect(markers[3]).toHaveAttribute('title', 'LF (byte 0x0a) at offset 36');
  });

  it('breaks the line after each LF so header lines read as lines', () => {
    const { container } = render(
      <WireBytes label="Request bytes" bytes={latin1Bytes('GET / HTTP/1.1\r\nHost: a\r\n')} />,
    );
    expect(container.querySelector('pre')?.textContent).toBe('GET / HTTP/1.1\\r\\n\nHost: a\\r\\n\n');
  });
});
