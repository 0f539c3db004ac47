import { describe, expect, it } from 'vitest';
import { prettyJson, prettyKindOf, prettyMarkup, visibleLines, type PrettyDocument } from './pretty';

/** Each line as its indent and the source text of its pieces. */
const shown = (text: string, document: PrettyDocument) =>
  document.lines.map((line) => '  '.repeat(line.depth) + line.pieces.map((p) => text.slice(p.start, p.end)).join(' '));

describe('prettyJson', () => {
  it('lays JSON out a member per line, every piece keeping its place in the text (numbers as written)', () => {
    const text = '{"a":1.50,"b":[true,null,"x\\"y"],"c":{},"d":[]}';
    const document = prettyJson(text);
    expect(shown(text, document)).toEqual([
      '{',
      '  "a" : 1.50 ,',
      '  "b" : [',
      '    true ,',
      '    null ,',
      '    "x\\"y"',
      '  ] ,',
      '  "c" : { } ,',
      '  "d" : [ ]',
      '}',
    ]);
    expect(document.lines[0]!.closes).toBe(9);
    expect(document.lines[2]!.closes).toBe(6);
    expect(document.lines[1]!.pieces.map((p) => p.kind)).toEqual(['key', 'punct', 'number', 'punct']);
  });

  it('folds an object or array down to its opening and closing lines', () => {
    const document = prettyJson('{"a":[1,2,3],"b":2}');
    expect(visibleLines(document, new Set())).toHaveLength(document.lines.length);
    expect(visibleLines(document, new Set([1]))).toEqual([0, 1, 5, 6, 7]);
    expect(visibleLines(document, new Set([0]))).toEqual([0, 7]);
  });

  it.each([
    ['{"a":1,}', /character 7 .*a value is missing after the comma/],
    ['[1 2]', /character 3 .*a comma is missing/],
    ['{"a" 1}', /character 5 .*a colon is missing/],
    ['{1:2}', /character 1 .*an object key must be a string/],
    ['[1,2', /the document ends with 1 object\(s\) or array\(s\) still open/],
    ['{"a":01}', /character 6 .*a comma is missing/],
    ['1 2', /more after the end of the document/],
    ["{'a':1}", /character 1 .*unexpected "'a':1}"/],
    ['', /the body is empty/],
  ])('refuses %j with where and why', (text, message) => {
    expect(() => prettyJson(text)).toThrow(message);
  });
});

describe('prettyMarkup', () => {
  it('puts each tag and text run on its own line, indented by nesting, void and raw-text elements kept whole', () => {
    const text =
      '<!doctype html><html><head><meta charset="utf-8"><script>if (a < b) go();</script></head><body><p>Hi <b>you</b></p><br></body></html>';
    expect(shown(text, prettyMarkup(text))).toEqual([
      '<!doctype html>',
      '<html>',
      '  <head>',
      '    <meta charset="utf-8">',
      '    <script>',
      '      if (a < b) go();',
      '    </script>',
      '  </head>',
      '  <body>',
      '    <p>',
      '      Hi',
      '      <b>',
      '        you',
      '      </b>',
      '    </p>',
      '    <br>',
      '  </body>',
      '</html>',
    ]);
  });

  it('knows which types it lays out', () => {
    expect(prettyKindOf('application/json; charset=utf-8')).toBe('json');
    expect(prettyKindOf('application/problem+json')).toBe('json');
    expect(prettyKindOf('text/html')).toBe('markup');
    expect(prettyKindOf('image/svg+xml')).toBe('markup');
    expect(prettyKindOf('text/plain')).toBeNull();
    expect(prettyKindOf(null)).toBeNull();
  });
});
