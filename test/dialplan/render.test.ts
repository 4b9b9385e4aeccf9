// Past 300 lines on purpose: the generated Asterisk configs, checked for the sample district and a
// hand-made organisation against the same config checker; the cases share their fixtures.
// biome-ignore-all lint/suspicious/noTemplateCurlyInString: the expected lines are dialplan text, where ${X} is Asterisk's syntax
import assert from 'node:assert/strict';
import { ConfigError } from '../../core/config';
import { sampleOrganisation } from '../../core/seed/organisation.load';
import { seedOrganisation } from '../../core/seed/organisation.seed';
import type { Directory } from '../../core/units/directory';
import { DirectoryRepository } from '../../core/units/directory.repo';
import { ConfigRenderError } from '../../dialplans/conf-text';
import { endpointSecret } from '../../dialplans/endpoints';
import { CONFIG_FILE_NAMES, type RenderedConfigs, renderAsteriskConfigs } from '../../dialplans/render';
import { formatProblems, parseAsteriskConfig, valuesOf } from '../support/asterisk-config';
import { checkExtensionsConf } from '../support/asterisk-config.checks';
import { checkPjsipConf } from '../support/asterisk-pjsip.checks';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { smallDirectory, TEST_SECRETS, testSettings } from './render.fixture';

function assertLoadable(rendered: RenderedConfigs): void {
  for (const name of CONFIG_FILE_NAMES) {
    const text = rendered.files[name];
    const problems =
      name === 'extensions.conf'
        ? checkExtensionsConf(text)
        : name === 'pjsip.conf'
          ? checkPjsipConf(text)
          : parseAsteriskConfig(text).problems;
    assert.equal(formatProblems(name, problems), '', `${name} does not pass the checker`);
  }
}

function context(text: string, name: string): string {
  const start = text.indexOf(`[${name}]\n`);
  assert.notEqual(start, -1, `context [${name}] missing`);
  const end = text.indexOf('\n[', start + 1);
  return text.slice(start, end === -1 ? undefined : end);
}

function section(text: string, name: string, type: string) {
  const found = parseAsteriskConfig(text).sections.find(
    (s) => s.name === name && (valuesOf(s, 'type')[0] === type || s.templates.length > 0),
  );
  assert.ok(found, `[${name}] type ${type} missing`);
  return found;
}

describe('Asterisk configs for the sample district (from the database)', () => {
  let testDb: TestDatabase;
  let directory: Directory;
  let rendered: RenderedConfigs;

  before(async () => {
    testDb = await createTestDatabase();
    await seedOrganisation(testDb.db.knex, sampleOrganisation());
    directory = await new DirectoryRepository(testDb.db.knex).directory();
    rendered = renderAsteriskConfigs(directory, testSettings());
  });
  after(async () => {
    await testDb.drop();
  });

  it('reads every unit with its contacts in order and the hotline number', () => {
    assert.equal(directory.units.length, sampleOrganisation().units.length);
    assert.deepEqual(directory.hotline, {
      number: '0889009412',
      e164: '+84889009412',
      name: 'Đường dây nóng Chủ tịch UBND quận Bắc Từ Liêm',
    });
    const office = directory.units.find((unit) => unit.code === '0');
    assert.deepEqual(
      office?.contacts.map((c) => c.name),
      ['Trực ban Phòng Nội vụ', 'Phó trưởng phòng Nội vụ'],
    );
  });

  it('writes five files that pass the config checker', () => {
    assertLoadable(rendered);
  });

  it('sends the hotline into Stasis(hotline) and, on FAILED, dials the district office in order', async () => {
    const conf = rendered.files['extensions.conf'];
    const hotline = context(conf, 'hotline');
    assert.ok(
      hotline.includes(
        [
          'exten => s,1,Stasis(hotline)',
          ' same => n,ExecIf($["${STASISSTATUS}" = "FAILED"]?Set(HOTLINE_FALLBACK_REASON=no-app))',
          ' same => n,GotoIf($["${HOTLINE_FALLBACK_REASON}" != ""]?hotline-fallback,s,1)',
          ' same => n,Hangup()',
        ].join('\n'),
      ),
      `a call the app never took goes to the fallback with its reason:\n${hotline}`,
    );
    const fallback = context(conf, 'hotline-fallback');
    const dials = [...fallback.matchAll(/Dial\(([^,]+),(\d+)/g)].map((m) => [m[1], m[2]]);
    assert.deepEqual(dials, [
      ['PJSIP/0900000000@trunk', '20'],
      ['PJSIP/0900000001@trunk', '20'],
    ]);
    const ringingOrder = ['Trực ban Phòng Nội vụ', 'Phó trưởng phòng Nội vụ'];
    const rows: Array<{ id: number; name: string }> = await testDb.db
      .knex('contacts')
      .whereIn('name', ringingOrder)
      .select('id', 'name');
    const officeContactIds = ringingOrder.map((name) => rows.find((row) => row.name === name)?.id);
    assert.deepEqual(
      [...fallback.matchAll(/ same => n,Set\(HOTLINE_CONTACT=(\d+)\)\n same => n,Dial\(/g)].map((m) =>
        Number(m[1]),
      ),
      officeContactIds,
      "each Dial is preceded by its contact's database id",
    );
    assert.match(fallback, /Playback\(hotline\/vi\/sorry-unavailable&hotline\/vi\/goodbye\)/);
    assert.match(fallback, /n\(done\),Hangup\(\)/);
    assert.match(context(conf, 'hotline-inbound'), /exten => 0889009412,1,Goto\(hotline,s,1\)/);
  });

  it('has a direct extension into Stasis(hotline,<code>) for every active unit', () => {
    const units = context(rendered.files['extensions.conf'], 'hotline-units');
    for (const unit of directory.units.filter((u) => u.active)) {
      assert.ok(
        units.includes(`exten => ${unit.code},1,Stasis(hotline,${unit.code})\n`),
        `unit ${unit.code}`,
      );
    }
  });

  it('takes the ARI and AMI credentials from the configuration', () => {
    const ari = section(rendered.files['ari.conf'], 'hotline', 'user');
    assert.deepEqual(valuesOf(ari, 'password'), ['ari-pass;word']);
    assert.deepEqual(valuesOf(ari, 'password_format'), ['plain']);
    const ami = parseAsteriskConfig(rendered.files['manager.conf']).sections.find(
      (s) => s.name === 'hotline',
    );
    assert.deepEqual(ami && valuesOf(ami, 'secret'), [TEST_SECRETS.AMI_PASSWORD]);
    assert.match(rendered.files['http.conf'], /bindport = 8088/);
  });
});

describe('Asterisk configs for a hand-made organisation', () => {
  const directory = smallDirectory();

  it('passes the checker, with --did routes, a custom app name and trunk', () => {
    const rendered = renderAsteriskConfigs(
      directory,
      testSettings(
        {
          ARI_APP: 'citizen-line',
          DIAL_TRUNK_TEMPLATE: 'PJSIP/{national}@viettel',
          SIP_TRUNK_HOST: '203.0.113.5:5060',
          SIP_TRUNK_PASSWORD: 'trunk;pw',
        },
        [{ code: '5', did: '02437000005' }],
      ),
    );
    assertLoadable(rendered);
    const conf = rendered.files['extensions.conf'];
    assert.match(context(conf, 'hotline'), /Stasis\(citizen-line\)/);
    assert.match(context(conf, 'hotline-inbound'), /exten => 02437000005,1,Goto\(hotline-units,5,1\)/);
    assert.match(
      context(conf, 'hotline-fallback'),
      /Dial\(PJSIP\/0912345678@viettel,20,U\(hotline-confirm\^0\)\)/,
    );
    // A desk phone needs no answer confirmation.
    assert.match(context(conf, 'hotline-fallback'), /Dial\(PJSIP\/desk0,20\)\n/);
    const trunk = section(rendered.files['pjsip.conf'], 'viettel-auth', 'auth');
    assert.deepEqual(valuesOf(trunk, 'password'), ['trunk;pw']);
  });

  it('leaves inactive units out of the direct extensions', () => {
    const conf = renderAsteriskConfigs(directory, testSettings()).files['extensions.conf'];
    assert.doesNotMatch(context(conf, 'hotline-units'), /exten => 77,/);
    assert.doesNotMatch(conf, /old77/);
  });

  it('defines each desk phone with a password derived from SIP_SECRET_SEED', () => {
    const pjsip = renderAsteriskConfigs(directory, testSettings()).files['pjsip.conf'];
    for (const name of ['desk0', 'ward5']) {
      const auth = parseAsteriskConfig(pjsip).sections.find(
        (s) => s.name === name && valuesOf(s, 'type')[0] === 'auth',
      );
      assert.deepEqual(auth && valuesOf(auth, 'password'), [
        endpointSecret(TEST_SECRETS.SIP_SECRET_SEED, name),
      ]);
    }
    const other = renderAsteriskConfigs(
      directory,
      testSettings({ SIP_SECRET_SEED: 'another-seed-0123456789' }),
    );
    assert.notEqual(other.files['pjsip.conf'], pjsip);
  });

  it('neutralises names that try to inject sections, statements or block comments', () => {
    const rendered = renderAsteriskConfigs(directory, testSettings());
    assertLoadable(rendered);
    const extensions = parseAsteriskConfig(rendered.files['extensions.conf']);
    assert.ok(!extensions.sections.some((s) => s.name === 'evil'));
    const statements = extensions.sections.flatMap((s) => s.settings.map((setting) => setting.value));
    assert.ok(!statements.some((value) => value.includes('666') || value.includes('evil')));
    const pjsipSections = parseAsteriskConfig(rendered.files['pjsip.conf']).sections;
    assert.equal(pjsipSections.filter((s) => s.name === 'ward5').length, 3);
    for (const text of Object.values(rendered.files)) assert.doesNotMatch(text, /;--/);
  });

  const refusals: Array<[string, Record<string, string>, RegExp]> = [
    ['an empty ARI_PASSWORD', { ARI_PASSWORD: '' }, /ARI_PASSWORD is empty/],
    ['an empty AMI_PASSWORD', { AMI_PASSWORD: '' }, /AMI_PASSWORD is empty/],
    ['no SIP_SECRET_SEED with desk phones', { SIP_SECRET_SEED: '' }, /SIP_SECRET_SEED is empty/],
    ['a secret with a line break', { AMI_PASSWORD: 'a\nb' }, /AMI_PASSWORD contains a line break/],
    ['a user name that is not an identifier', { ARI_USERNAME: 'x]\n[y' }, /ARI_USERNAME .* cannot be used/],
    [
      'a trunk template that injects Dial options',
      { DIAL_TRUNK_TEMPLATE: 'PJSIP/{national}@t,,U(x)' },
      /would change the meaning of Dial/,
    ],
  ];
  for (const [name, env, message] of refusals) {
    it(`refuses ${name}`, () => {
      assert.throws(
        () => renderAsteriskConfigs(directory, testSettings(env)),
        (error: Error) => {
          assert.ok(error instanceof ConfigRenderError);
          assert.match(error.message, message);
          return true;
        },
      );
    });
  }

  const trunkIdentity = (pjsip: string) => {
    const trunk = section(pjsip, 'trunk', 'endpoint');
    return Object.fromEntries(
      ['from_user', 'from_domain', 'send_pai', 'trust_id_outbound'].map((key) => [key, valuesOf(trunk, key)]),
    );
  };
  const TRUNK_HOST = { SIP_TRUNK_HOST: '203.0.113.5:5060' };

  it("presents the hotline's number to officials by default, in the trunk's From and before the fallback's Dials", () => {
    const rendered = renderAsteriskConfigs(directory, testSettings(TRUNK_HOST));
    assertLoadable(rendered);
    assert.deepEqual(trunkIdentity(rendered.files['pjsip.conf']), {
      from_user: ['02438381234'],
      from_domain: ['203.0.113.5'],
      send_pai: [],
      trust_id_outbound: [],
    });
    const fallback = context(rendered.files['extensions.conf'], 'hotline-fallback');
    const set = fallback.indexOf('\n same => n,Set(CALLERID(num)=02438381234)\n');
    assert.ok(set !== -1 && set < fallback.indexOf('Dial('), fallback);
  });

  it('keeps the trunk account as the From user in hotline mode when the carrier registers one', () => {
    const pjsip = renderAsteriskConfigs(
      directory,
      testSettings({ ...TRUNK_HOST, SIP_TRUNK_USERNAME: 'acc-1' }),
    ).files['pjsip.conf'];
    assert.deepEqual(trunkIdentity(pjsip).from_user, ['acc-1']);
  });

  it("presents the citizen's number with OFFICIAL_CALLER_ID=citizen, asserted in P-Asserted-Identity", () => {
    const rendered = renderAsteriskConfigs(
      directory,
      testSettings({ ...TRUNK_HOST, OFFICIAL_CALLER_ID: 'citizen' }),
    );
    assertLoadable(rendered);
    assert.deepEqual(trunkIdentity(rendered.files['pjsip.conf']), {
      from_user: [],
      from_domain: ['203.0.113.5'],
      send_pai: ['yes'],
      trust_id_outbound: ['yes'],
    });
    assert.doesNotMatch(rendered.files['extensions.conf'], /CALLERID\(num\)=/);
  });

  it('warns when hotline mode knows no hotline number, and sets no caller id', () => {
    const rendered = renderAsteriskConfigs({ ...directory, hotline: null }, testSettings());
    assert.ok(
      rendered.warnings.includes(
        "OFFICIAL_CALLER_ID is hotline but no hotline number is known: calls to officials present the citizen's number, which carriers may refuse",
      ),
      JSON.stringify(rendered.warnings),
    );
    assert.doesNotMatch(rendered.files['extensions.conf'], /CALLERID\(num\)=/);
    assert.deepEqual(trunkIdentity(rendered.files['pjsip.conf']), {
      from_user: [],
      from_domain: [],
      send_pai: [],
      trust_id_outbound: [],
    });
  });

  const binds: Array<[Record<string, string>, string]> = [
    [{}, '0.0.0.0:5060'],
    [{ SIP_BIND: '127.0.0.1:5070' }, '127.0.0.1:5070'],
    [{ SIP_BIND: ' [::1]:5060 ' }, '[::1]:5060'],
  ];
  for (const [env, bind] of binds) {
    it(`binds the SIP transport to ${bind} for SIP_BIND=${env.SIP_BIND ?? '(unset)'}`, () => {
      const pjsip = renderAsteriskConfigs(directory, testSettings(env)).files['pjsip.conf'];
      assert.deepEqual(valuesOf(section(pjsip, 'transport-udp', 'transport'), 'bind'), [bind]);
    });
  }

  for (const bind of [
    'localhost:5060',
    '127.0.0.1',
    '127.0.0.1:0',
    '127.0.0.1:70000',
    '::1:5060',
    '[127.0.0.1]:5060',
  ]) {
    it(`refuses SIP_BIND=${bind}, naming the variable`, () => {
      assert.throws(
        () => testSettings({ SIP_BIND: bind }),
        (error: Error) => {
          assert.ok(error instanceof ConfigError);
          assert.deepEqual(error.problems, [
            `SIP_BIND must be an IP address and a port, e.g. 127.0.0.1:5060 or [::1]:5060 (got "${bind}")`,
          ]);
          return true;
        },
      );
    });
  }

  it('renders empty secrets only when asked to, for a look', () => {
    const settings = { ...testSettings({ ARI_PASSWORD: '', SIP_SECRET_SEED: '' }), allowEmptySecrets: true };
    const rendered = renderAsteriskConfigs(directory, settings);
    assert.match(rendered.files['ari.conf'], /^password =$/m);
  });

  it('warns when the district office has nobody to ring', () => {
    const withoutOffice = { ...directory, units: directory.units.filter((unit) => unit.code !== '0') };
    const rendered = renderAsteriskConfigs(withoutOffice, testSettings());
    assert.ok(rendered.warnings.some((w) => /district office\) has no active contact/.test(w)));
    assertLoadable(rendered);
  });
});
