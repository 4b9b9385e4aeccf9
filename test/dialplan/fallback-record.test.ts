// biome-ignore-all lint/suspicious/noTemplateCurlyInString: the expected lines are dialplan text, where ${X} is Asterisk's syntax
import assert from 'node:assert/strict';
import { renderAsteriskConfigs } from '../../dialplans/render';
import {
  FALLBACK_CALLS_FAMILY,
  FALLBACK_FIELD_SEPARATOR,
  FALLBACK_RECORD_FIELDS,
  type FallbackRecordField,
  HANDED_OVER_TARGET,
} from '../../ivr/calls/dialplan-contract';
import { parseAsteriskConfig } from '../support/asterisk-config';
import { checkExtensionsConf } from '../support/asterisk-config.checks';
import { smallDirectory, testSettings } from './render.fixture';

function contextLines(text: string, name: string): string[] {
  const section = parseAsteriskConfig(text).sections.find((s) => s.name === name);
  assert.ok(section, `context [${name}] missing`);
  return section.settings.map((setting) => `${setting.key} ${setting.operator} ${setting.value}`);
}

/** The AstDB writes of a context: the key and the fields of each, as Asterisk reads them. */
function recordWrites(lines: string[]): Array<{ key: string; fields: string[] }> {
  return lines.flatMap((line) => {
    const write = /Set\(DB\(([^)]+)\)=(.*)\)$/.exec(line);
    return write
      ? [{ key: write[1] as string, fields: (write[2] as string).split(FALLBACK_FIELD_SEPARATOR) }]
      : [];
  });
}

describe('The fallback records every call it handles in AstDB', () => {
  const rendered = renderAsteriskConfigs(smallDirectory(), testSettings()).files['extensions.conf'];

  it('passes the checker, the hangup handler context included', () => {
    assert.deepEqual(checkExtensionsConf(rendered), []);
  });

  it('pushes the hangup handler, writes the record, then names each contact before its Dial', () => {
    assert.deepEqual(contextLines(rendered, 'hotline-fallback'), [
      'exten => s,1,NoOp(Stasis app hotline unavailable: ringing unit 0 directly)',
      'same => n,Set(HOTLINE_CALLER=${FILTER(0-9+,${CALLERID(num)})})',
      'same => n,Set(HOTLINE_RECEIVED=${EPOCH})',
      'same => n,Set(CHANNEL(hangup_handler_push)=hotline-fallback-ended,s,1)',
      'same => n,Set(DB(hotline-fallback/${UNIQUEID})=1;${HOTLINE_RECEIVED};${HOTLINE_CALLER};${HOTLINE_FALLBACK_REASON};;;;)',
      'same => n,Set(CALLERID(num)=02438381234)',
      'same => n,Set(HOTLINE_CONTACT=101)',
      'same => n,Dial(PJSIP/0912345678@trunk,20,U(hotline-confirm^0))',
      'same => n,GotoIf($["${DIALSTATUS}" = "ANSWER"]?done)',
      'same => n,Set(HOTLINE_CONTACT=102)',
      'same => n,Dial(PJSIP/desk0,20)',
      'same => n,GotoIf($["${DIALSTATUS}" = "ANSWER"]?done)',
      'same => n,Answer()',
      'same => n,Playback(hotline/vi/sorry-unavailable&hotline/vi/goodbye)',
      'same => n(done),Hangup()',
    ]);
  });

  it("rewrites the record when the caller's channel ends, with the last Dial's outcome", () => {
    assert.deepEqual(contextLines(rendered, 'hotline-fallback-ended'), [
      'exten => s,1,Set(DB(hotline-fallback/${UNIQUEID})=1;${HOTLINE_RECEIVED};${HOTLINE_CALLER};${HOTLINE_FALLBACK_REASON};${HOTLINE_CONTACT};${DIALSTATUS};${ANSWEREDTIME};${EPOCH})',
      'same => n,Return()',
    ]);
  });

  it("writes the contract's fields in the contract's order, under its family and the call's uniqueid", () => {
    const expected: Record<FallbackRecordField, [atStart: string, atHangup: string]> = {
      format: ['1', '1'],
      receivedEpoch: ['${HOTLINE_RECEIVED}', '${HOTLINE_RECEIVED}'],
      callerNumber: ['${HOTLINE_CALLER}', '${HOTLINE_CALLER}'],
      reason: ['${HOTLINE_FALLBACK_REASON}', '${HOTLINE_FALLBACK_REASON}'],
      contactId: ['', '${HOTLINE_CONTACT}'],
      dialStatus: ['', '${DIALSTATUS}'],
      answeredSeconds: ['', '${ANSWEREDTIME}'],
      endedEpoch: ['', '${EPOCH}'],
    };
    const writes = [
      ...recordWrites(contextLines(rendered, 'hotline-fallback')),
      ...recordWrites(contextLines(rendered, 'hotline-fallback-ended')),
    ];
    assert.deepEqual(
      writes.map((write) => write.key),
      [`${FALLBACK_CALLS_FAMILY}/\${UNIQUEID}`, `${FALLBACK_CALLS_FAMILY}/\${UNIQUEID}`],
    );
    writes.forEach((write, index) => {
      assert.deepEqual(
        write.fields,
        FALLBACK_RECORD_FIELDS.map((field) => expected[field][index]),
        index === 0 ? 'the record written at the start' : 'the record written by the hangup handler',
      );
    });
  });

  it('sets the reason before the fallback: no-app when Stasis() failed, handed-over where the app continues a call it gives back', () => {
    for (const context of ['hotline', 'hotline-units']) {
      const lines = contextLines(rendered, context);
      const stasis = lines.findIndex((line) => line.includes(',Stasis('));
      assert.deepEqual(lines.slice(stasis + 1, stasis + 3), [
        'same => n,ExecIf($["${STASISSTATUS}" = "FAILED"]?Set(HOTLINE_FALLBACK_REASON=no-app))',
        'same => n,GotoIf($["${HOTLINE_FALLBACK_REASON}" != ""]?hotline-fallback,s,1)',
      ]);
    }
    const { context, extension, priority } = HANDED_OVER_TARGET;
    assert.deepEqual(contextLines(rendered, context), [
      `exten => ${extension},${priority},Set(HOTLINE_FALLBACK_REASON=handed-over)`,
      'same => n,Goto(hotline-fallback,s,1)',
    ]);
  });

  it('keeps the caller number read before the caller id shown to officials replaces it', () => {
    const lines = contextLines(rendered, 'hotline-fallback');
    const kept = lines.indexOf('same => n,Set(HOTLINE_CALLER=${FILTER(0-9+,${CALLERID(num)})})');
    const replaced = lines.indexOf('same => n,Set(CALLERID(num)=02438381234)');
    assert.ok(kept !== -1 && replaced > kept, lines.join('\n'));
  });

  it('warns that contacts from an organisation file leave the record without a contact id', () => {
    const directory = smallDirectory();
    const withoutIds = {
      ...directory,
      units: directory.units.map((unit) => ({
        ...unit,
        contacts: unit.contacts.map((contact) => ({ ...contact, id: null })),
      })),
    };
    const result = renderAsteriskConfigs(withoutIds, testSettings());
    assert.ok(
      result.warnings.some((warning) => /organisation file have no database id/.test(warning)),
      JSON.stringify(result.warnings),
    );
    assert.match(result.files['extensions.conf'], /^ same => n,Set\(HOTLINE_CONTACT=\)\n same => n,Dial\(/m);
  });
});
