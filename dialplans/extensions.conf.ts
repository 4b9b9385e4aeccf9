import {
  FALLBACK_CALLS_FAMILY,
  FALLBACK_FIELD_SEPARATOR,
  FALLBACK_RECORD_FIELDS,
  type FallbackRecordField,
  HANDED_OVER_TARGET,
} from '../ivr/calls/dialplan-contract';
import { comment, GENERATED_HEADER, lines } from './conf-text';

export interface FallbackStep {
  /** The contact's database id, written into the call's record; null renders it empty. */
  contactId: number | null;
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
  handedOver: HANDED_OVER_TARGET.context,
  fallbackEnded: 'hotline-fallback-ended',
  confirm: 'hotline-confirm',
  internal: 'hotline-internal',
} as const;

const SOUNDS = 'hotline/vi';

/** A dialplan variable reference, `${NAME}`; spelled out here so TypeScript strings never interpolate it. */
function variable(name: string): string {
  return `\${${name}}`;
}

/** Channel variables the fallback keeps for the call's record (the hangup handler reads them). */
const RECORD_VARIABLES = {
  reason: 'HOTLINE_FALLBACK_REASON',
  caller: 'HOTLINE_CALLER',
  received: 'HOTLINE_RECEIVED',
  contact: 'HOTLINE_CONTACT',
} as const;

/**
 * After Stasis() returns: FAILED means no app was listening (ours is down), and Asterisk routes the
 * call itself; a call the app gives back comes in at the handed-over context instead.
 */
function afterStasis(): string[] {
  return [
    ` same => n,ExecIf($["${variable('STASISSTATUS')}" = "FAILED"]?Set(${RECORD_VARIABLES.reason}=no-app))`,
    ` same => n,GotoIf($["${variable(RECORD_VARIABLES.reason)}" != ""]?${CONTEXTS.fallback},s,1)`,
    ' same => n,Hangup()',
  ];
}

/**
 * The app continues a call it gives up on here (ARI continue with this context), so no variable is
 * set through ARI: on Asterisk 22.10.1 that leaves DB(), which writes the fallback's record, blocked.
 */
function handedOver(): string[] {
  return [
    `[${CONTEXTS.handedOver}]`,
    '; The app gave the call back (a fault, or a restart found the caller waiting): the fallback takes it.',
    `exten => ${HANDED_OVER_TARGET.extension},${HANDED_OVER_TARGET.priority},Set(${RECORD_VARIABLES.reason}=handed-over)`,
    ` same => n,Goto(${CONTEXTS.fallback},s,1)`,
    '',
  ];
}

/** `;` starts a comment in a config file; `\;` is Asterisk's literal semicolon. */
const FIELD_SEPARATOR_IN_CONF = FALLBACK_FIELD_SEPARATOR.replace(/;/g, '\\;');

/** Writes the call's AstDB record, its fields in the contract's order. */
function writeRecord(fields: Record<FallbackRecordField, string>): string {
  const value = FALLBACK_RECORD_FIELDS.map((field) => fields[field]).join(FIELD_SEPARATOR_IN_CONF);
  return `Set(DB(${FALLBACK_CALLS_FAMILY}/${variable('UNIQUEID')})=${value})`;
}

/** What the record says about how the call went: empty while it is still on. */
type CallOutcome = Pick<
  Record<FallbackRecordField, string>,
  'contactId' | 'dialStatus' | 'answeredSeconds' | 'endedEpoch'
>;

function recordFields(outcome: CallOutcome): Record<FallbackRecordField, string> {
  return {
    format: '1',
    receivedEpoch: variable(RECORD_VARIABLES.received),
    callerNumber: variable(RECORD_VARIABLES.caller),
    reason: variable(RECORD_VARIABLES.reason),
    ...outcome,
  };
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
      ` same => n,Set(${RECORD_VARIABLES.contact}=${step.contactId ?? ''})`,
      ` same => n,Dial(${step.dial},${model.ringTimeoutSeconds}${confirm})`,
      ` same => n,GotoIf($["${variable('DIALSTATUS')}" = "ANSWER"]?done)`,
    ];
  });
  return [
    `[${CONTEXTS.fallback}]`,
    `; Our app is unreachable or gave the call back: ring unit ${model.fallback.code} directly, its contacts in order.`,
    comment(model.fallback.name),
    `exten => s,1,NoOp(Stasis app ${model.app} unavailable: ringing unit ${model.fallback.code} directly)`,
    `; No call without a ticket: the service turns AstDB ${FALLBACK_CALLS_FAMILY}/<uniqueid> into one when it is back.`,
    "; The caller's number is kept before anything changes CALLERID(num) (OFFICIAL_CALLER_ID=hotline does).",
    ` same => n,Set(${RECORD_VARIABLES.caller}=${variable(`FILTER(0-9+,${variable('CALLERID(num)')})`)})`,
    ` same => n,Set(${RECORD_VARIABLES.received}=${variable('EPOCH')})`,
    '; The handler first: a caller who hangs up in between still gets the final record, never only the first.',
    ` same => n,Set(CHANNEL(hangup_handler_push)=${CONTEXTS.fallbackEnded},s,1)`,
    ` same => n,${writeRecord(recordFields({ contactId: '', dialStatus: '', answeredSeconds: '', endedEpoch: '' }))}`,
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

function fallbackEnded(): string[] {
  return [
    `[${CONTEXTS.fallbackEnded}]`,
    "; Hangup handler of a fallback call: the record again, with the last Dial's outcome and the end.",
    `exten => s,1,${writeRecord(
      recordFields({
        contactId: variable(RECORD_VARIABLES.contact),
        dialStatus: variable('DIALSTATUS'),
        answeredSeconds: variable('ANSWEREDTIME'),
        endedEpoch: variable('EPOCH'),
      }),
    )}`,
    ' same => n,Return()',
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
    handedOver(),
    fallback(model),
    fallbackEnded(),
    confirm(model),
    internal(model),
  );
}
