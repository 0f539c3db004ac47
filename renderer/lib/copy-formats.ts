// Bytes of the wire view as a person copies them: as text (UTF-8, what an application would read),
// as hex (two digits a byte, spaced, as xxd writes them), or as a C/JavaScript string literal's body
// (printable ASCII as it is, \r \n \t \\ \" escaped, every other byte as \xHH), so that the exact
// bytes paste into a test or a script.
export type CopyFormat = 'text' | 'hex' | 'escapes';

export function formatBytesAs(bytes: Uint8Array, format: CopyFormat): string {
  if (format === 'text') return new TextDecoder().decode(bytes);
  if (format === 'hex') return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join(' ');
  let out = '';
  for (const b of bytes) {
    if (b === 0x0d) out += '\\r';
    else if (b === 0x0a) out += '\\n';
    else if (b === 0x09) out += '\\t';
    else if (b === 0x5c) out += '\\\\';
    else if (b === 0x22) out += '\\"';
    else if (b >= 0x20 && b < 0x7f) out += String.fromCharCode(b);
    else out += `\\x${b.toString(16).padStart(2, '0')}`;
  }
  return out;
}
