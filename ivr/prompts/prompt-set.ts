import {
  DIGIT_PROMPT_IDS,
  DIGIT_WORDS,
  type Digit,
  PROMPT_IDS,
  PROMPTS,
  spokenUnitName,
  unitPromptId,
} from './catalogue';

/** One audio file to produce: `id` is also its path under the sounds directory, without `.wav`. */
export interface PromptSource {
  id: string;
  text: string;
}

export function promptFileName(id: string): string {
  return `${id}.wav`;
}

/** Every file the IVR may play for these units: fixed phrases, the ten digits, one name per unit. */
export function promptSources(units: ReadonlyArray<{ code: string; name: string }>): PromptSource[] {
  return [
    ...PROMPT_IDS.map((id) => ({ id, text: PROMPTS[id].vi })),
    ...DIGIT_PROMPT_IDS.map((id) => ({ id, text: DIGIT_WORDS[id.slice('digits/'.length) as Digit] })),
    ...units.map((unit) => ({ id: unitPromptId(unit.code), text: spokenUnitName(unit.name) })),
  ];
}
