import { describe, expect, it } from 'vitest';
import { LineSplitter } from '../../../src/cluster/line-splitter.js';

describe('LineSplitter', () => {
  it('joins lines split across chunks', () => {
    const s = new LineSplitter();
    expect(s.push(Buffer.from('{"type":"ADDED"}\n{"type":'))).toEqual(['{"type":"ADDED"}']);
    expect(s.push(Buffer.from('"MODIFIED"'))).toEqual([]);
    expect(s.push(Buffer.from('}\n'))).toEqual(['{"type":"MODIFIED"}']);
    expect(s.end()).toEqual([]);
  });

  it('returns several lines from one chunk and skips empty lines and CRs', () => {
    const s = new LineSplitter();
    expect(s.push('a\r\n\nb\n\n')).toEqual(['a', 'b']);
  });

  it('keeps a multi-byte character split between chunks intact', () => {
    const bytes = Buffer.from('{"v":"héllo €"}\n', 'utf8');
    const euro = bytes.indexOf(0xe2);
    const s = new LineSplitter();
    const out = [...s.push(bytes.subarray(0, euro + 1)), ...s.push(bytes.subarray(euro + 1))];
    expect(out).toEqual(['{"v":"héllo €"}']);
  });

  it('flushes a last line without a newline at the end', () => {
    const s = new LineSplitter();
    expect(s.push('{"a":1}\n{"b":2}')).toEqual(['{"a":1}']);
    expect(s.end()).toEqual(['{"b":2}']);
  });

  it('splits byte by byte the same as all at once', () => {
    const text = Buffer.from('{"x":"ü"}\n{"y":2}\n{"z":3}\n');
    const s = new LineSplitter();
    const out: string[] = [];
    for (const b of text) out.push(...s.push(Buffer.from([b])));
    out.push(...s.end());
    expect(out).toEqual(['{"x":"ü"}', '{"y":2}', '{"z":3}']);
  });
});
