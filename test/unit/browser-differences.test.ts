import { describe, expect, it } from 'vitest';
import { unwrapInspectedEval } from '@/lib/browser-differences';

describe('unwrapInspectedEval', () => {
  it("should pass Chrome's bare result through", () => {
    expect(unwrapInspectedEval('{"ok":true}')).toBe('{"ok":true}');
  });

  it("should take the result out of Firefox's [result, exceptionInfo] pair", () => {
    expect(unwrapInspectedEval(['{"ok":true}', undefined])).toBe('{"ok":true}');
  });

  it('should throw what Firefox reports as an exception', () => {
    expect(() => unwrapInspectedEval([undefined, { isException: true, value: 'ReferenceError: x' }])).toThrow('ReferenceError: x');
  });

  it.each([
    ['an object', { reason: 'x' }],
    ['nothing', undefined],
  ])('should say the page threw, not "[object Object]", when Firefox reports %s as the thrown value', (_case, value) => {
    expect(() => unwrapInspectedEval([undefined, { isException: true, value }])).toThrow(/^The inspected page threw\.$/);
  });
});
