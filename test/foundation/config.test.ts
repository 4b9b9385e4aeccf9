import assert from 'node:assert/strict';
import { ConfigError, describeConfig, loadConfig } from '../../core/config';

function configError(env: NodeJS.ProcessEnv): ConfigError {
  try {
    loadConfig(env);
  } catch (error) {
    assert.ok(error instanceof ConfigError, `expected a ConfigError, got ${String(error)}`);
    return error;
  }
  assert.fail(`expected ${JSON.stringify(env)} to be refused`);
}

describe('loadConfig', () => {
  it('gives the documented defaults for an empty environment', () => {
    const config = loadConfig({});
    assert.deepEqual(
      {
        nodeEnv: config.nodeEnv,
        dataDir: config.dataDir,
        port: config.port,
        timeZone: config.timeZone,
        database: config.database,
        ari: config.ari,
        ami: config.ami,
        mail: config.mail,
        log: config.log,
      },
      {
        nodeEnv: 'development',
        dataDir: './data',
        port: 3000,
        timeZone: 'Asia/Ho_Chi_Minh',
        database: { url: undefined },
        ari: { url: undefined, username: 'hotline', password: '', app: 'hotline' },
        ami: { host: undefined, port: 5038, username: 'hotline', password: '' },
        mail: { smtpUrl: undefined, digestTo: undefined },
        log: { level: 'info', format: 'pretty' },
      },
    );
  });

  it('reads set values and logs JSON in production', () => {
    const config = loadConfig({
      NODE_ENV: 'production',
      DATABASE_URL: 'postgres://hotline@db.example:5432/hotline',
      PORT: '8080',
      ARI_URL: 'http://127.0.0.1:8088',
      ARI_APP: 'hotline-test_1',
      DIGEST_TO: 'noivu@example.gov.vn',
      LOG_LEVEL: 'debug',
      TIMEZONE: 'Europe/Paris',
    });
    assert.equal(config.port, 8080);
    assert.equal(config.database.url, 'postgres://hotline@db.example:5432/hotline');
    assert.equal(config.ari.url, 'http://127.0.0.1:8088');
    assert.equal(config.ari.app, 'hotline-test_1');
    assert.equal(config.mail.digestTo, 'noivu@example.gov.vn');
    assert.equal(config.timeZone, 'Europe/Paris');
    assert.deepEqual(config.log, { level: 'debug', format: 'json' });
  });

  it("presents the hotline's number to officials unless OFFICIAL_CALLER_ID=citizen", () => {
    assert.equal(loadConfig({}).ivr.officialCallerId, 'hotline');
    assert.equal(loadConfig({ OFFICIAL_CALLER_ID: 'citizen' }).ivr.officialCallerId, 'citizen');
  });

  it('ignores variables it does not know', () => {
    assert.equal(loadConfig({ SHELL: '/bin/bash', PORT_EXTRA: 'abc' }).port, 3000);
  });

  const refused: [name: string, value: string, problem: RegExp][] = [
    ['ARI_URL', 'not-a-url', /^ARI_URL must be a URL starting with http:\/\/ or https:\/\//],
    ['PORT', 'abc', /^PORT must be a whole number \(got "abc"\)$/],
    ['PORT', '70000', /^PORT must be between 1 and 65535 \(got "70000"\)$/],
    ['PORT', '0', /^PORT must be between 1 and 65535/],
    ['LOG_LEVEL', 'loud', /^LOG_LEVEL must be one of error, warn, info, http, verbose, debug, silly/],
    ['TIMEZONE', 'Mars/Base', /^TIMEZONE must be an IANA time zone/],
    [
      'DATABASE_URL',
      'mysql://x',
      /^DATABASE_URL must be a URL starting with postgres:\/\/ or postgresql:\/\//,
    ],
    ['DIGEST_TO', 'nope', /^DIGEST_TO must be an e-mail address/],
    ['ARI_APP', 'has space', /^ARI_APP may contain only letters, digits, _ and -/],
    ['NODE_ENV', 'staging', /^NODE_ENV /],
    ['OFFICIAL_CALLER_ID', 'caller', /^OFFICIAL_CALLER_ID must be one of hotline, citizen \(got "caller"\)$/],
    ['AUDIT_RETENTION_MONTHS', '0', /^AUDIT_RETENTION_MONTHS must be between 1 and 1200/],
    ['AUDIT_RETENTION_MONTHS', '1.5', /^AUDIT_RETENTION_MONTHS must be a whole number of months/],
  ];

  it('keeps audit rows 24 months unless AUDIT_RETENTION_MONTHS says otherwise', () => {
    assert.equal(loadConfig({}).auditRetentionMonths, 24);
    assert.equal(loadConfig({ AUDIT_RETENTION_MONTHS: '60' }).auditRetentionMonths, 60);
  });
  for (const [name, value, problem] of refused) {
    it(`refuses ${name}=${JSON.stringify(value)} naming the variable`, () => {
      const error = configError({ [name]: value });
      assert.equal(error.problems.length, 1, error.message);
      assert.match(error.problems[0] ?? '', problem);
      assert.match(error.message, new RegExp(`^Invalid configuration:\\n  - ${name} `));
    });
  }

  it('reports every bad variable at once', () => {
    const error = configError({ PORT: 'abc', LOG_LEVEL: 'loud', ARI_URL: 'not-a-url', TIMEZONE: 'UTC' });
    assert.deepEqual(error.problems.map((problem) => problem.split(' ')[0]).sort(), [
      'ARI_URL',
      'LOG_LEVEL',
      'PORT',
    ]);
  });

  it('treats empty variables as unset', () => {
    const config = loadConfig({
      DATABASE_URL: '',
      PORT: '',
      ARI_URL: '',
      LOG_LEVEL: '',
      TIMEZONE: '',
      DIGEST_TO: '',
      ARI_APP: '',
      AMI_HOST: '',
      DATA_DIR: '',
    });
    assert.equal(config.database.url, undefined);
    assert.equal(config.port, 3000);
    assert.equal(config.ari.url, undefined);
    assert.equal(config.ari.app, 'hotline');
    assert.equal(config.ami.host, undefined);
    assert.equal(config.log.level, 'info');
    assert.equal(config.timeZone, 'Asia/Ho_Chi_Minh');
    assert.equal(config.mail.digestTo, undefined);
    assert.equal(config.dataDir, './data');
  });
});

describe('secrets in the configuration', () => {
  const SECRET = 'S3cr3t-pw';

  const badUrls = [
    `mysql://hotline:${SECRET}@db.example/hotline`,
    `postgres://hotline:${SECRET}@db.example:x/h`,
  ];
  for (const url of badUrls) {
    it(`keeps the password of a refused DATABASE_URL out of the error (${url.split(':')[0]})`, () => {
      const error = configError({ DATABASE_URL: url, PORT: 'abc' });
      assert.match(error.message, /DATABASE_URL must be a URL/);
      assert.ok(!error.message.includes(SECRET), error.message);
      assert.ok(!error.problems.join('\n').includes(SECRET));
    });
  }

  const goodUrls = [
    `postgres://hotline:${SECRET}@db.example:5432/hotline`,
    `postgresql://hotline:${SECRET}@db.example/hotline?sslmode=require`,
    `postgres://db.example/hotline?user=hotline&password=${SECRET}`,
  ];
  for (const url of goodUrls) {
    it(`describeConfig hides the password of ${url.replace(SECRET, '<password>')}`, () => {
      const described = JSON.stringify(describeConfig(loadConfig({ DATABASE_URL: url })));
      assert.ok(!described.includes(SECRET), described);
      assert.match(described, /db\.example/);
    });
  }

  it('describeConfig shows no ARI, AMI or SMTP password', () => {
    const config = loadConfig({
      ARI_URL: `http://hotline:${SECRET}-ari-url@127.0.0.1:8088`,
      ARI_PASSWORD: `${SECRET}-ari`,
      AMI_HOST: '127.0.0.1',
      AMI_PASSWORD: `${SECRET}-ami`,
      SMTP_URL: `smtp://mailer:${SECRET}-smtp@mail.example:587`,
    });
    const described = JSON.stringify(describeConfig(config));
    assert.ok(!described.includes(SECRET), described);
    assert.match(described, /mail\.example/);
    assert.match(described, /127\.0\.0\.1:8088/);
  });

  it('describeConfig names the embedded database when DATABASE_URL is unset', () => {
    assert.equal(
      describeConfig(loadConfig({ DATA_DIR: '/srv/hotline' })).database,
      'embedded (/srv/hotline/pglite)',
    );
  });
});
