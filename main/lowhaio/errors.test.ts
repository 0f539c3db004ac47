import { describe, expect, it } from 'vitest';
import {
  HttpDataTimeoutError,
  HttpProtocolError,
  HttpTlsError,
  HttpInvalidRequestError,
  serializeError,
} from './errors';

describe('serializeError', () => {
  it('keeps where in the bytes a framing error is, whose fault it is, and the rule', () => {
    const error = new HttpProtocolError('ERR_HTTP_INVALID_CHUNK_SIZE', 'bad size', {
      fault: 'server',
      direction: 'rx',
      offset: 47,
      end: 51,
      rfc9112Section: '7.1',
    });
    expect(serializeError(error)).toEqual({
      name: 'HttpProtocolError',
      code: 'ERR_HTTP_INVALID_CHUNK_SIZE',
      message: 'bad size',
      fault: 'server',
      direction: 'rx',
      offset: 47,
      start: 47,
      end: 51,
      rfc9112Section: '7.1',
    });
    // Plain data: it survives structured clone and JSON alike.
    expect(JSON.parse(JSON.stringify(error))).toEqual(structuredClone(serializeError(error)));
  });

  it('blames the network for connection failures and stalls, and the caller for requests that cannot be sent', () => {
    const tls = new HttpTlsError('ERR_HTTP_TLS', 'handshake failed', {
      cause: Object.assign(new Error('self-signed certificate'), { code: 'DEPTH_ZERO_SELF_SIGNED_CERT' }),
    });
    expect(serializeError(tls)).toMatchObject({
      fault: 'network',
      cause: {
        name: 'Error',
        code: 'ERR_UNKNOWN',
        systemCode: 'DEPTH_ZERO_SELF_SIGNED_CERT',
        message: 'self-signed certificate',
      },
    });
    expect(serializeError(new HttpDataTimeoutError('receive', 'no byte for 30 s'))).toMatchObject({
      code: 'ERR_HTTP_TIMEOUT',
      fault: 'network',
    });
    expect(serializeError(new HttpInvalidRequestError('ERR_HTTP_INVALID_METHOD', 'not a token'))).toMatchObject({
      fault: 'caller',
    });
  });

  it('turns anything thrown into something the UI can show', () => {
    expect(serializeError(new Error('boom'))).toEqual({ name: 'Error', code: 'ERR_UNKNOWN', message: 'boom' });
    expect(serializeError('a string')).toEqual({
      name: 'Error',
      code: 'ERR_UNKNOWN',
      message: 'non-Error value thrown: a string',
    });
  });
});
