import { promptUri } from '../../prompts/catalogue';
import type { CallContext } from '../call-context';
import { nextKey, play } from '../media';

const RATINGS: Record<string, 1 | 2 | 3> = { '1': 1, '2': 2, '3': 3 };

/**
 * After the official hung up: 1 very satisfied, 2 satisfied, 3 not satisfied (which asks for a
 * callback). Other keys are ignored; silence until the timeout means no rating.
 */
export async function runSurvey(ctx: CallContext): Promise<void> {
  ctx.facts.enterStage('survey');
  ctx.keys.clear(ctx.callId);
  let key = await play(ctx, ctx.callId, [promptUri('survey')], { stopOnKey: true });
  const deadline = Date.now() + ctx.settings.surveyTimeoutMs;
  while (key === null || RATINGS[key] === undefined) {
    const left = deadline - Date.now();
    if (left <= 0) break;
    key = await nextKey(ctx, ctx.callId, left);
    if (key === null) break;
  }
  const rating = key === null ? undefined : RATINGS[key];
  if (rating === undefined) {
    ctx.facts.note('survey.no-rating');
    return;
  }
  ctx.facts.rated(rating);
  const thanks =
    rating === 3 ? [promptUri('survey-thanks'), promptUri('callback-promise')] : [promptUri('survey-thanks')];
  await play(ctx, ctx.callId, thanks, { stopOnKey: false });
}
