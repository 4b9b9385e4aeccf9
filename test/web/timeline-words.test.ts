import assert from 'node:assert/strict';
import { CALL_OUTCOMES, CALL_STAGES } from '../../core/tickets/call-ticket';
import { CALLED_BACK_RESULTS } from '../../core/tickets/called-back';
import {
  CALLBACK_RESULTS,
  TARGET_RESULTS,
  TIMELINE_KINDS,
  type TimelineKind,
} from '../../core/tickets/timeline.vocabulary';
import { describeEvent } from '../../server/web/src/screens/timeline.words';
import { type Key, type Lang, translator } from '../../server/web/src/translate';

/** Every value the IVR and the server record reaches the timeline in words, never as its code. */
describe('web app: the timeline words every recorded value', () => {
  const step = (kind: TimelineKind, data: Record<string, unknown> = {}) =>
    ({ id: 1, at: '2026-11-16T01:00:00Z', kind, data, actor: null }) as Parameters<typeof describeEvent>[0];

  for (const lang of ['vi', 'en'] as Lang[]) {
    const t = translator(lang);
    const said = (kind: TimelineKind, data?: Record<string, unknown>) => describeEvent(step(kind, data), t);

    it(`words every kind of step in ${lang}`, () => {
      const raw = TIMELINE_KINDS.filter((kind) => said(kind).includes(kind));
      assert.deepEqual(raw, []);
    });

    it(`words every result, stage and outcome a step carries in ${lang}`, () => {
      const keys = [
        ...TARGET_RESULTS.map((result) => `result.${result}`),
        ...CALLBACK_RESULTS.map((result) => `cbresult.${result}`),
        ...CALLED_BACK_RESULTS.map((result) => `calledback.${result}`),
        ...CALL_STAGES.map((stage) => `stage.${stage}`),
        ...CALL_OUTCOMES.map((outcome) => `outcome.${outcome}`),
      ] as Key[];
      assert.deepEqual(
        keys.filter((key) => t(key) === key || !t(key).trim()),
        [],
      );
    });
  }
});
