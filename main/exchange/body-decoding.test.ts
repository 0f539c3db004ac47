import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { contentCodings, decodeBodyInto } from './body-decoding';

const folder = mkdtempSync(join(tmpdir(), 'inspector-decoding-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

async function* pieces(...parts: Uint8Array[]) {
  yield* parts;
}

describe('decodeBodyInto', () => {
  it('undoes codings last applied first (gzip over gzip), across pieces split anywhere', async () => {
    const content = Buffer.from('twice compressed, '.repeat(100));
    const twice = gzipSync(gzipSync(content));
    const target = join(folder, 'twice.decoded');
    const info = await decodeBodyInto(
      pieces(twice.subarray(0, 7), twice.subarray(7, 50), twice.subarray(50)),
      ['gzip', 'gzip'],
      target,
      'text/plain',
    );
    expect(info).toEqual({
      codings: ['gzip', 'gzip'],
      contentType: 'text/plain',
      wireLength: twice.length,
      decodedLength: content.length,
    });
    expect(readFileSync(target)).toEqual(content);
  });

  it("says a capture that cannot be read is that, not the coding's fault", async () => {
    async function* broken(): AsyncGenerator<Uint8Array> {
      yield Uint8Array.of(0x1f);
      throw Object.assign(new Error('EIO: i/o error, read'), { code: 'EIO' });
    }
    await expect(decodeBodyInto(broken(), ['gzip'], join(folder, 'broken.decoded'), null)).rejects.toMatchObject({
      code: 'EIO',
    });
  });

  it('reads Content-Encoding lists, identity left out', () => {
    expect(
      contentCodings([
        ['Content-Encoding', 'GZIP, identity'],
        ['content-encoding', ' br '],
      ]),
    ).toEqual(['gzip', 'br']);
  });
});
