// biome-ignore-all lint/suspicious/noTemplateCurlyInString: the fixtures are dialplan text, where ${X} is Asterisk's syntax
import assert from 'node:assert/strict';
import { parseAsteriskConfig } from '../support/asterisk-config';
import { bracketProblem, checkExtensionsConf, checkPjsipConf } from '../support/asterisk-config.checks';

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
