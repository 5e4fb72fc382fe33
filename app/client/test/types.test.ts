// The generated APIs make a misspelt message or a wrong argument a compile error: the
// `@ts-expect-error` lines below fail the typecheck (scripts/app-test.sh) if they ever compile.
import { describe, expect, it } from 'vitest';
import type { Sender, Suite } from '../src/index.js';
import { send } from '../src/index.js';

function misuses(suite: Suite, from: Sender) {
  // @ts-expect-error a misspelt message
  void send(suite, suite.token, 'psp22Transferr', [from.address, 1n, '0x'], from);
  // @ts-expect-error an amount that is not a bigint
  void send(suite, suite.token, 'psp22Transfer', [from.address, 'ten', '0x'], from);
  // @ts-expect-error a missing argument
  void suite.governor.query.castVote(`0x${'00'.repeat(32)}`, 'For');
  // @ts-expect-error a vote that is not For, Against or Abstain
  void suite.governor.query.castVote(`0x${'00'.repeat(32)}`, 'Maybe', '0x');
  // and the right call compiles
  void send(suite, suite.token, 'psp22Transfer', [from.address, 1n, '0x'], from);
}

describe('typed calls', () => {
  it('are checked by the compiler (see the typecheck)', () => {
    expect(typeof misuses).toBe('function');
  });
});
