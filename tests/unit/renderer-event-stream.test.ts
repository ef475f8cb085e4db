import { describe, expect, it } from 'vitest';
import { parseEventLine } from '../../renderer/src/api/events';
import { LineSplitter } from '../../renderer/src/api/line-splitter';

describe('preview event stream parsing', () => {
  it('joins lines cut across chunks and drops heartbeat blank lines', () => {
    const lines = new LineSplitter();
    expect(lines.push('{"name":"session.lo')).toEqual([]);
    expect(lines.push('cked","payload":{"reason":"idle"}}\n\n')).toEqual(['{"name":"session.locked","payload":{"reason":"idle"}}']);
    expect(lines.push('\n')).toEqual([]);
    expect(lines.push('a\nb\nc')).toEqual(['a', 'b']);
    expect(lines.push('\n')).toEqual(['c']);
  });

  it('accepts only known events with an object payload', () => {
    expect(parseEventLine('{"name":"session.locked","payload":{"reason":"manual"}}')).toEqual({
      name: 'session.locked',
      payload: { reason: 'manual' },
    });
    expect(parseEventLine('{"name":"people.deleted","payload":{}}')).toBeNull();
    expect(parseEventLine('{"name":"session.locked"}')).toBeNull();
    expect(parseEventLine('{"name":"session.locked","payload":"x"}')).toBeNull();
    expect(parseEventLine('not json')).toBeNull();
    expect(parseEventLine('null')).toBeNull();
  });
});
