// biome-ignore-all lint/suspicious/noTemplateCurlyInString: the fixtures are dialplan text, where ${X} is Asterisk's syntax
import assert from 'node:assert/strict';
import { renderAsteriskConfigs } from '../../dialplans/render';
import { parseAsteriskConfig } from '../support/asterisk-config';
import { bracketProblem, checkExtensionsConf } from '../support/asterisk-config.checks';
import { checkPjsipConf } from '../support/asterisk-pjsip.checks';
import { smallDirectory, testSettings } from './render.fixture';

// The checker guards every rendered file, so it must itself catch what Asterisk would reject.
describe('Asterisk config checker', () => {
  it('reads sections, templates, both operators, includes and every comment form', () => {
    const config = parseAsteriskConfig(
      [
        '#include "extra.conf"',
        '[tpl](!) ; template',
        'type = endpoint',
        ';-- a block',
        'comment --;',
        '[one](tpl)',
        'password = a\\;b ; trailing',
        'exten => 1,1,NoOp()',
      ].join('\n'),
    );
    assert.deepEqual(config.problems, []);
    assert.deepEqual(config.includes, [{ line: 1, directive: 'include', target: 'extra.conf' }]);
    assert.deepEqual(
      config.sections.map((s) => [s.name, s.isTemplate, s.templates]),
      [
        ['tpl', true, []],
        ['one', false, ['tpl']],
      ],
    );
    assert.deepEqual(config.sections[1]?.settings, [
      { line: 7, key: 'password', operator: '=', value: 'a;b' },
      { line: 8, key: 'exten', operator: '=>', value: '1,1,NoOp()' },
    ]);
  });

  const grammarErrors: Array<[string, string, RegExp]> = [
    ['setting before a section', 'key = value', /before any \[section\]/],
    ['line without =', '[a]\njust words', /neither a section/],
    ['bad header', '[a', /section header/],
    ['junk after header', '[a] x', /unexpected "x"/],
    ['unknown template', '[a](nope)', /template "nope" is not defined/],
    ['unknown directive', '#define x', /unknown directive/],
    ['unclosed block comment', '[a]\n;-- never closed', /never closed/],
    ['bad key', '[a]\nbad key = 1', /not a valid key/],
  ];
  for (const [name, text, message] of grammarErrors) {
    it(`reports ${name} with its line`, () => {
      const { problems } = parseAsteriskConfig(text);
      assert.ok(
        problems.some((p) => message.test(p.message) && p.line >= 1),
        JSON.stringify(problems),
      );
    });
  }

  const dialplanErrors: Array<[string, string, RegExp]> = [
    ['extension not starting at 1', 'exten => 5,2,NoOp()', /must start at 1/],
    ['same without exten', 'same => n,NoOp()', /no "exten =>" before it/],
    ['unknown application', 'exten => 5,1,Dail(PJSIP/a)', /unknown application Dail/],
    ['unbalanced parenthesis', 'exten => 5,1,NoOp(a(b)', /unclosed/],
    ['unbalanced ${}', 'exten => 5,1,NoOp(${X)', /unbalanced|unclosed/],
    ['unbalanced $[]', 'exten => 5,1,GotoIf($[${X} = 1?a)', /unbalanced|unclosed/],
    ['priority going backwards', 'exten => 5,1,NoOp()\nexten => 5,1,NoOp()', /repeats/],
    ['jump to unknown label', 'exten => 5,1,GotoIf($[1]?nowhere)', /unknown label "nowhere"/],
    ['jump to unknown context', 'exten => 5,1,Goto(elsewhere,s,1)', /unknown context "elsewhere"/],
    ['include of unknown context', 'include => ghost', /unknown context "ghost"/],
    [
      'hangup handler in an unknown context',
      'exten => 5,1,Set(CHANNEL(hangup_handler_push)=ended,s,1)',
      /jump to unknown context "ended"/,
    ],
    ['non-dialplan key', 'type = endpoint', /not a dialplan statement/],
  ];
  for (const [name, body, message] of dialplanErrors) {
    it(`reports ${name} in extensions.conf`, () => {
      const problems = checkExtensionsConf(`[ctx]\n${body}\n`);
      assert.ok(
        problems.some((p) => message.test(p.message)),
        JSON.stringify(problems),
      );
    });
  }

  it('accepts a well-formed dialplan with labels, same => and jumps', () => {
    const text = [
      '[general]',
      'static = yes',
      '[a]',
      'exten => s,1,Stasis(hotline)',
      ' same => n,GotoIf($["${STASISSTATUS}" = "FAILED"]?b,s,1)',
      ' same => n(done),Hangup()',
      '[b]',
      'include => a',
      'exten => s,1,Dial(PJSIP/x,20,U(a^1))',
      ' same => n,GotoIf($["${DIALSTATUS}" = "ANSWER"]?a,s,done)',
      ' same => n,Goto(a,s,1)',
    ].join('\n');
    assert.deepEqual(checkExtensionsConf(text), []);
  });

  const refusingSubroutine = (result: string, variable = 'GOSUB_RESULT') =>
    [
      '[caller]',
      'exten => s,1,Dial(PJSIP/x,20,U(confirm^0))',
      ' same => n,GotoIf($["${DIALSTATUS}" = "ANSWER"]?done)',
      ' same => n(done),Hangup()',
      '[confirm]',
      'exten => s,1,GotoIf($["${ARG1}" = "1"]?refuse,s,1)',
      ' same => n,Return()',
      '[refuse]',
      `exten => s,1,Set(${variable}=${result})`,
      ' same => n,Return()',
    ].join('\n');
  const dialStatusCases: Array<[string, string, string | null]> = [
    ['reports GOSUB_RESULT=CONTINUE', refusingSubroutine('CONTINUE'), 'sets GOSUB_RESULT=CONTINUE (line 9)'],
    ['reports GOSUB_RESULT=ABORT', refusingSubroutine('ABORT'), 'sets GOSUB_RESULT=ABORT (line 9)'],
    [
      'reports GOSUB_RESULT=GOTO:…',
      refusingSubroutine('GOTO:caller^s^1'),
      'sets GOSUB_RESULT=GOTO:caller^s^1 (line 9)',
    ],
    ['reports continue in lower case', refusingSubroutine('continue'), 'sets GOSUB_RESULT=continue (line 9)'],
    ['accepts GOSUB_RESULT=BUSY', refusingSubroutine('BUSY'), null],
    ['accepts GOSUB_RESULT=CONGESTION', refusingSubroutine('CONGESTION'), null],
    ['accepts GOSUB_RESULT=CHANUNAVAIL', refusingSubroutine('CHANUNAVAIL'), null],
    [
      'accepts CONTINUE in a context no Dial subroutine reaches',
      refusingSubroutine('CONTINUE').replace('?refuse,s,1', '?s,2'),
      null,
    ],
    [
      'accepts CONTINUE when nothing tests DIALSTATUS after the Dial',
      refusingSubroutine('CONTINUE').replace('GotoIf($["${DIALSTATUS}" = "ANSWER"]?done)', 'NoOp()'),
      null,
    ],
    [
      "reports M()'s MACRO_RESULT=CONTINUE",
      refusingSubroutine('CONTINUE', 'MACRO_RESULT')
        .replace('U(confirm^0)', 'M(confirm^0)')
        .replace('[confirm]', '[macro-confirm]'),
      'sets MACRO_RESULT=CONTINUE (line 9)',
    ],
  ];
  for (const [name, text, expected] of dialStatusCases) {
    it(`Dial subroutine before a DIALSTATUS = ANSWER test: ${name}`, () => {
      const messages = checkExtensionsConf(text).map((p) => `${p.line}: ${p.message}`);
      if (expected === null) assert.deepEqual(messages, []);
      else {
        assert.equal(messages.length, 1, JSON.stringify(messages));
        assert.ok(messages[0]?.startsWith('2: '), messages[0]);
        assert.ok(messages[0]?.includes(expected), messages[0]);
        assert.match(messages[0] ?? '', /line 3 tests DIALSTATUS against ANSWER/);
      }
    });
  }

  it("fails the fallback rendered with the confirmation's old GOSUB_RESULT=CONTINUE and passes the BUSY one", () => {
    const rendered = renderAsteriskConfigs(smallDirectory(), testSettings()).files['extensions.conf'];
    assert.match(rendered, /^ same => n,Set\(GOSUB_RESULT=BUSY\)$/m);
    assert.deepEqual(checkExtensionsConf(rendered), []);
    const old = rendered.replace('Set(GOSUB_RESULT=BUSY)', 'Set(GOSUB_RESULT=CONTINUE)');
    const problems = checkExtensionsConf(old);
    assert.deepEqual(
      problems.map((p) => p.message.slice(0, p.message.indexOf(' (line'))),
      ["Dial's U(hotline-confirm) sets GOSUB_RESULT=CONTINUE"],
    );
    assert.match(
      old.split('\n')[(problems[0]?.line ?? 0) - 1] ?? '',
      /Dial\(PJSIP\/0912345678@trunk,20,U\(hotline-confirm\^0\)\)/,
    );
  });

  it('checks brackets of ${}, $[] and () together', () => {
    assert.equal(bracketProblem('$["${A}" = "1"]?x:y'), null);
    assert.match(bracketProblem('$[${A]}') ?? '', /unbalanced/);
  });

  it('requires a known type and resolvable references in pjsip.conf', () => {
    const problems = checkPjsipConf(
      ['[t](!)', 'type = endpoint', '[e](t)', 'aors = missing', '[x]', 'foo = bar'].join('\n'),
    );
    assert.deepEqual(
      problems.map((p) => p.message),
      ['[e] aors names no aor "missing"', '[x] has no known type (got none)'],
    );
  });
});
