import { promptUri } from '../../prompts/catalogue';
import type { CallContext } from '../call-context';
import { nextKey, play } from '../media';
import { onMenuKey, onMenuTimeout } from '../menu.rules';

export type MenuResult = { kind: 'code'; code: string } | { kind: 'gave-up' };

type Attempt =
  | { kind: 'code'; code: string }
  | { kind: 'invalid'; digits: string }
  | { kind: 'no-input' }
  | { kind: 'repeat' };

/**
 * One pass of the menu: plays it (a key stops it), then collects digits until they name a unit,
 * cannot, or time runs out. `firstKey` is a key already pressed during the previous prompt.
 */
async function collectOnce(ctx: CallContext, firstKey: string | null): Promise<Attempt> {
  const { settings } = ctx;
  let key = firstKey ?? (await play(ctx, ctx.callId, [promptUri('menu')], { stopOnKey: true }));
  let state = { digits: '', final: null as string | null };
  for (;;) {
    if (key === null) {
      const timeoutMs = state.digits === '' ? settings.firstDigitTimeoutMs : settings.interDigitTimeoutMs;
      key = await nextKey(ctx, ctx.callId, timeoutMs);
      if (key === null) {
        if (state.digits === '') return { kind: 'no-input' };
        const action = onMenuTimeout(state);
        return action.kind === 'route'
          ? { kind: 'code', code: action.code }
          : { kind: 'invalid', digits: state.digits };
      }
    }
    const action = onMenuKey(state.digits, key, ctx.roster.codes);
    ctx.log.debug('menu key', { key, digits: state.digits, action: action.kind });
    key = null;
    switch (action.kind) {
      case 'route':
        return { kind: 'code', code: action.code };
      case 'invalid':
        return { kind: 'invalid', digits: action.digits };
      case 'repeat':
        return { kind: 'repeat' };
      case 'collect':
        state = { digits: action.digits, final: action.final };
    }
  }
}

/**
 * The unit menu with its retries: an unknown code or silence is said and the menu repeats; after
 * the configured number of failed attempts the caller goes to the operator, never hung up on.
 */
export async function runMenu(
  ctx: CallContext,
  keyDuringGreeting: string | null = null,
): Promise<MenuResult> {
  let failures = 0;
  let pendingKey: string | null = keyDuringGreeting;
  while (failures < ctx.settings.menuAttempts) {
    const attempt = await collectOnce(ctx, pendingKey);
    pendingKey = null;
    switch (attempt.kind) {
      case 'code':
        return attempt;
      case 'repeat':
        ctx.facts.note('menu.repeat');
        continue;
      case 'invalid':
        failures += 1;
        ctx.facts.invalidEntry(attempt.digits, 'unknown-code');
        pendingKey = await play(ctx, ctx.callId, [promptUri('invalid')], { stopOnKey: true });
        break;
      case 'no-input':
        failures += 1;
        ctx.facts.invalidEntry('', 'no-input');
        pendingKey = await play(ctx, ctx.callId, [promptUri('no-input')], { stopOnKey: true });
        break;
    }
  }
  return { kind: 'gave-up' };
}
