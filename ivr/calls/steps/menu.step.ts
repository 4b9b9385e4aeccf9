import { DISTRICT_OFFICE_CODE } from '../../../core/domain/dial-codes';
import type { RosterUnit } from '../../../core/domain/roster';
import type { MenuView } from '../../../core/roster/roster.store';
import { menuUris, promptUri } from '../../prompts/catalogue';
import type { CallContext } from '../call-context';
import { nextKey, play, playToEnd } from '../media';
import { onMenuKey, onMenuTimeout } from '../menu.rules';

/** Where the caller goes: a unit's officials, or the confidential complaint to the chairman (its key). */
export type Choice = { kind: 'unit'; unit: RosterUnit } | { kind: 'complaint'; code: string };

type MenuResult = { kind: 'chosen'; choice: Choice } | { kind: 'gave-up' };

type Attempt =
  | { kind: 'chosen'; choice: Choice }
  | { kind: 'invalid'; digits: string }
  | { kind: 'no-input' }
  | { kind: 'repeat' };

/**
 * What a code the digits matched in `view` means there. Undefined only if the view's codes and units
 * disagreed, which one refresh never leaves: the caller is then told the code is not valid.
 */
function choiceIn(view: MenuView, code: string): Choice | undefined {
  if (code === view.confidentialCode) return { kind: 'complaint', code };
  const unit = view.unitByCode(code);
  return unit && { kind: 'unit', unit };
}

/**
 * One pass of the menu: plays it (a key stops it), then collects digits until they name a unit,
 * cannot, or time runs out. `firstKey` is a key already pressed during the previous prompt. The
 * menu played, the digits' matching and their meaning all come from the one view taken here: a
 * roster refresh during the seconds of typing (a unit removed, the key turned off) applies from the
 * next attempt on.
 */
async function collectOnce(ctx: CallContext, firstKey: string | null): Promise<Attempt> {
  const { settings } = ctx;
  const view = ctx.roster.menu();
  const route = (code: string): Attempt => {
    const choice = choiceIn(view, code);
    return choice ? { kind: 'chosen', choice } : { kind: 'invalid', digits: code };
  };
  const menu = menuUris(view.confidentialCode);
  let key = firstKey ?? (await play(ctx, ctx.callId, menu, { stopOnKey: true }));
  let state = { digits: '', final: null as string | null };
  for (;;) {
    if (key === null) {
      const timeoutMs = state.digits === '' ? settings.firstDigitTimeoutMs : settings.interDigitTimeoutMs;
      key = await nextKey(ctx, ctx.callId, timeoutMs);
      if (key === null) {
        if (state.digits === '') return { kind: 'no-input' };
        const action = onMenuTimeout(state);
        return action.kind === 'route' ? route(action.code) : { kind: 'invalid', digits: state.digits };
      }
    }
    const action = onMenuKey(state.digits, key, view.codes);
    ctx.log.debug('menu key', { key, digits: state.digits, action: action.kind });
    key = null;
    switch (action.kind) {
      case 'route':
        return route(action.code);
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
async function runMenu(ctx: CallContext, keyDuringGreeting: string | null = null): Promise<MenuResult> {
  let failures = 0;
  let pendingKey: string | null = keyDuringGreeting;
  while (failures < ctx.settings.menuAttempts) {
    const attempt = await collectOnce(ctx, pendingKey);
    pendingKey = null;
    switch (attempt.kind) {
      case 'chosen':
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

/**
 * The welcome, then the recording notice, before the menu: there it holds up nobody, whereas
 * after the menu an official who answers would wait for it. A key stops either (the caller knows
 * the code); the notice is then played while the phones ring, and a call whose caller never
 * heard it to the end is not recorded.
 */
async function greet(ctx: CallContext): Promise<string | null> {
  const welcome = await play(ctx, ctx.callId, [promptUri('welcome')], { stopOnKey: true });
  if (welcome !== null || !ctx.settings.recordCalls) return welcome;
  const notice = await playToEnd(ctx, ctx.callId, [promptUri('recording-notice')], { stopOnKey: true });
  if (notice.kind === 'played') ctx.facts.recordingNoticeHeard();
  return notice.kind === 'key' ? notice.key : null;
}

function districtOffice(ctx: CallContext): RosterUnit {
  const unit = ctx.roster.unitByCode(DISTRICT_OFFICE_CODE);
  if (!unit) throw new Error(`no operator unit with code ${DISTRICT_OFFICE_CODE} is configured`);
  ctx.facts.unitChosen(unit, 'operator');
  return unit;
}

/**
 * Which unit the caller wants: the one a ward's own number (`directCode`) leads to, or the one
 * chosen in the menu after the greeting; the district office's operator when the menu ends
 * without a code. The confidential complaint's key is a choice of the menu only.
 */
export async function chooseUnit(ctx: CallContext, directCode: string | undefined): Promise<Choice> {
  if (directCode !== undefined) {
    const direct = ctx.roster.unitByCode(directCode);
    if (direct) {
      ctx.facts.unitChosen(direct, 'direct');
      return { kind: 'unit', unit: direct };
    }
    ctx.facts.note('direct.unknown-code', { code: directCode });
  }
  ctx.facts.enterStage('greeting');
  const greeting = await greet(ctx);
  ctx.facts.enterStage('menu');
  const choice = await runMenu(ctx, greeting);
  if (choice.kind === 'chosen') {
    if (choice.choice.kind === 'unit') {
      const { unit } = choice.choice;
      ctx.facts.unitChosen(unit, unit.code === DISTRICT_OFFICE_CODE ? 'operator' : 'menu');
    }
    return choice.choice;
  }
  await play(ctx, ctx.callId, [promptUri('to-operator')], { stopOnKey: false });
  return { kind: 'unit', unit: districtOffice(ctx) };
}
