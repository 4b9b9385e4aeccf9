import { FALLBACK_VARIABLE } from '../ivr/calls/dialplan-contract';
import { comment, GENERATED_HEADER, lines } from './conf-text';

export interface FallbackStep {
  dial: string;
  contactName: string;
  /** The unit named in the official's "press 1" prompt, or null to bridge on answer. */
  confirmUnitCode: string | null;
}

export interface ExtensionsModel {
  app: string;
  /** The hotline's number in every form the trunk may deliver it. */
  hotlineNumbers: string[];
  /** The number officials' phones show for a fallback call (OFFICIAL_CALLER_ID=hotline); null keeps the citizen's. */
  officialCallerIdNumber: string | null;
  units: Array<{ code: string; name: string }>;
  dids: Array<{ did: string; code: string }>;
  fallback: { code: string; name: string; steps: FallbackStep[] };
  internalEndpoints: string[];
  ringTimeoutSeconds: number;
  confirmTimeoutSeconds: number;
}

export const CONTEXTS = {
  inbound: 'hotline-inbound',
  hotline: 'hotline',
  units: 'hotline-units',
  fallback: 'hotline-fallback',
  confirm: 'hotline-confirm',
  internal: 'hotline-internal',
} as const;

const SOUNDS = 'hotline/vi';

/** A dialplan variable reference, `${NAME}`; spelled out here so TypeScript strings never interpolate it. */
function variable(name: string): string {
  return `\${${name}}`;
}

/**
 * After Stasis() returns: FAILED means no app was listening (ours is down), and HOTLINE_FALLBACK
 * means the app hit a fault and handed the call back; either way Asterisk routes the call itself.
 */
function afterStasis(): string[] {
  return [
    ` same => n,GotoIf($["${variable('STASISSTATUS')}" = "FAILED"]?${CONTEXTS.fallback},s,1)`,
    ` same => n,GotoIf($["${variable(FALLBACK_VARIABLE)}" = "1"]?${CONTEXTS.fallback},s,1)`,
    ' same => n,Hangup()',
  ];
}

function inbound(model: ExtensionsModel): string[] {
  return [
    `[${CONTEXTS.inbound}]`,
    '; The trunk delivers calls here (context of the trunk endpoint in pjsip.conf).',
    ...model.hotlineNumbers.map((number) => `exten => ${number},1,Goto(${CONTEXTS.hotline},s,1)`),
    '; Some carriers send no number: treat it as the hotline.',
    `exten => s,1,Goto(${CONTEXTS.hotline},s,1)`,
    ...model.dids.map((route) => `exten => ${route.did},1,Goto(${CONTEXTS.units},${route.code},1)`),
    '',
  ];
}

function hotline(model: ExtensionsModel): string[] {
  return [
    `[${CONTEXTS.hotline}]`,
    '; The app answers the call itself; Stasis() needs no Answer() before it.',
    `exten => s,1,Stasis(${model.app})`,
    ...afterStasis(),
    '',
  ];
}

function units(model: ExtensionsModel): string[] {
  return [
    `[${CONTEXTS.units}]`,
    '; Dialing a unit code (or a ward DID routed here) skips the menu: the code is the Stasis argument.',
    ...model.units.flatMap((unit) => [
      comment(unit.name),
      `exten => ${unit.code},1,Stasis(${model.app},${unit.code})`,
      ...afterStasis(),
    ]),
    '',
  ];
}

function fallback(model: ExtensionsModel): string[] {
  const { steps } = model.fallback;
  const dials = steps.flatMap((step) => {
    const confirm = step.confirmUnitCode === null ? '' : `,U(${CONTEXTS.confirm}^${step.confirmUnitCode})`;
    return [
      comment(step.contactName),
      ` same => n,Dial(${step.dial},${model.ringTimeoutSeconds}${confirm})`,
      ` same => n,GotoIf($["${variable('DIALSTATUS')}" = "ANSWER"]?done)`,
    ];
  });
  return [
    `[${CONTEXTS.fallback}]`,
    `; Our app is unreachable: ring unit ${model.fallback.code} directly, its contacts in order.`,
    comment(model.fallback.name),
    `exten => s,1,NoOp(Stasis app ${model.app} unavailable: ringing unit ${model.fallback.code} directly)`,
    ...(model.officialCallerIdNumber === null
      ? []
      : [
          '; OFFICIAL_CALLER_ID=hotline: carriers refuse a caller id the trunk does not own.',
          ` same => n,Set(CALLERID(num)=${model.officialCallerIdNumber})`,
        ]),
    ...dials,
    ' same => n,Answer()',
    ` same => n,Playback(${SOUNDS}/sorry-unavailable&${SOUNDS}/goodbye)`,
    ' same => n(done),Hangup()',
    '',
  ];
}

function confirm(model: ExtensionsModel): string[] {
  return [
    `[${CONTEXTS.confirm}]`,
    "; Runs on the official's leg before bridging (Dial option U), so a mobile's own voicemail cannot",
    '; take the call: only a 1 bridges; anything else hangs up this leg and the dialplan tries the next.',
    '; BUSY, not CONTINUE: Dial copies only BUSY, CONGESTION or CHANUNAVAIL into DIALSTATUS; after',
    '; CONTINUE it would return ANSWER and the fallback would end the call as if it had been taken.',
    `exten => s,1,Read(HOTLINE_KEY,${SOUNDS}/confirm-official&${SOUNDS}/unit-${variable('ARG1')}&${SOUNDS}/press-one-to-accept,1,,1,${model.confirmTimeoutSeconds})`,
    ` same => n,GotoIf($["${variable('HOTLINE_KEY')}" = "1"]?accepted)`,
    ' same => n,Set(GOSUB_RESULT=BUSY)',
    ' same => n(accepted),Return()',
    '',
  ];
}

function internal(model: ExtensionsModel): string[] {
  return [
    `[${CONTEXTS.internal}]`,
    '; Desk phones (context of the phone endpoints): the hotline, unit codes, and each other.',
    `include => ${CONTEXTS.units}`,
    ...model.hotlineNumbers.map((number) => `exten => ${number},1,Goto(${CONTEXTS.hotline},s,1)`),
    ...model.internalEndpoints.flatMap((name) => [
      `exten => ${name},1,Dial(PJSIP/${name},${model.ringTimeoutSeconds})`,
      ' same => n,Hangup()',
    ]),
    '',
  ];
}

export function renderExtensionsConf(model: ExtensionsModel): string {
  return lines(
    GENERATED_HEADER,
    '',
    '[general]',
    'static = yes',
    'writeprotect = yes',
    '',
    inbound(model),
    hotline(model),
    units(model),
    fallback(model),
    confirm(model),
    internal(model),
  );
}
