// The caller's side of RFC 9112: what a request must be before a byte of it is produced. Each check
// throws HttpInvalidRequestError naming the offending field, the character and what to write instead.
import { isToken } from './byte-classes';
import { HttpInvalidRequestError } from './errors';

function describeChar(text: string, index: number): string {
  const code = text.charCodeAt(index);
  const names: Record<number, string> = { 0x00: 'NUL', 0x0a: 'LF', 0x0d: 'CR', 0x20: 'a space', 0x09: 'a tab' };
  return (
    names[code] ??
    (code > 0x7e || code < 0x20 ? `U+${code.toString(16).toUpperCase().padStart(4, '0')}` : `"${text[index]}"`)
  );
}

function firstNonToken(text: string): number {
  for (let i = 0; i < text.length; i++) if (!isToken(text[i]!)) return i;
  return -1;
}

/** method = token (RFC 9110 section 9.1). */
export function validateMethod(method: string): void {
  if (isToken(method)) return;
  const bad = firstNonToken(method);
  throw new HttpInvalidRequestError(
    'ERR_HTTP_INVALID_METHOD',
    method.length === 0
      ? 'The request method is empty; write a method such as GET or POST.'
      : `The request method ${JSON.stringify(method)} holds ${describeChar(method, bad)} at index ${bad}; a method is a token (letters, digits and !#$%&'*+-.^_\`|~), as RFC 9110 section 9.1 says.`,
  );
}

/**
 * field-name = token; field-value of visible bytes, spaces and tabs only: no CR, LF, NUL or other
 * control character (RFC 9110 section 5.5, RFC 9112 section 5), one byte per character. `where`
 * names the field for messages, e.g. "header 3" or "trailer 1".
 */
export function validateField(name: string, value: string, where: string): void {
  if (!isToken(name)) {
    const bad = firstNonToken(name);
    throw new HttpInvalidRequestError(
      'ERR_HTTP_INVALID_HEADER_NAME',
      name.length === 0
        ? `The name of ${where} is empty; every field needs a name.`
        : `The name of ${where}, ${JSON.stringify(name)}, holds ${describeChar(name, bad)} at index ${bad}; a field name is a token (RFC 9110 section 5.1), so remove that character.`,
    );
  }
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code === 0x0d || code === 0x0a || code === 0x00) {
      throw new HttpInvalidRequestError(
        'ERR_HTTP_INVALID_HEADER_VALUE',
        `The value of ${where} (${name}) holds ${describeChar(value, i)} at index ${i}; CR, LF and NUL would end or corrupt the field line (RFC 9110 section 5.5), so remove it. Nothing was sent.`,
      );
    }
    if ((code < 0x20 && code !== 0x09) || code === 0x7f) {
      throw new HttpInvalidRequestError(
        'ERR_HTTP_INVALID_HEADER_VALUE',
        `The value of ${where} (${name}) holds the control character ${describeChar(value, i)} at index ${i}; a field value is visible characters, spaces and tabs only (RFC 9110 section 5.5), and a strict server refuses the rest, so remove it. Nothing was sent.`,
      );
    }
    if (code > 0xff) {
      throw new HttpInvalidRequestError(
        'ERR_HTTP_INVALID_HEADER_VALUE',
        `The value of ${where} (${name}) holds ${describeChar(value, i)} at index ${i}, which is not one byte; field values are bytes, so percent-encode it or use RFC 8187 encoding. Nothing was sent.`,
      );
    }
  }
}

/**
 * A server's side of RFC 9112 section 3.2: it MUST answer 400 to a request with more than one Host
 * field line (and to an HTTP/1.1 request with none). The words for such a 400, or null when the
 * count is one.
 */
export function hostCountProblem(count: number): string | null {
  return count === 1
    ? null
    : `A request must carry exactly one Host header (RFC 9112 section 3.2); this one has ${count}.`;
}
