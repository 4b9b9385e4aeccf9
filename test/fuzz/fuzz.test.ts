import assert from 'node:assert/strict';
import { createSilentLogger } from '../../core/logger';
import { FUZZ_ROLES, generateRequest, type KnownIds, percentEncode } from '../../scripts/fuzz/fuzz.generate';
import { operationsOf } from '../../scripts/fuzz/fuzz.operations';
import { Prng } from '../../scripts/fuzz/fuzz.prng';
import { runFuzz } from '../../scripts/fuzz/fuzz.run';

const DOCUMENT = {
  paths: {
    '/api/v1/contacts/{id}': {
      delete: {
        operationId: 'deleteContact',
        parameters: [{ name: 'id', in: 'path', required: true, schema: {} }],
      },
    },
    '/api/v1/units': {
      post: {
        operationId: 'createUnit',
        requestBody: {
          content: {
            'application/json': {
              schema: {
                type: 'object',
                properties: { code: { type: 'string', pattern: '^\\d{1,6}$' }, name: { type: 'string' } },
                required: ['code', 'name'],
              },
            },
          },
        },
      },
    },
  },
};
const IDS: KnownIds = { tickets: [1], units: [2], contacts: [3], overrides: [4] };

describe('npm run fuzz', () => {
  it('generates the same requests from the same seed, each operation by each role in turn', () => {
    const ops = operationsOf(DOCUMENT);
    const run = (seed: number) => {
      const rng = new Prng(seed);
      return Array.from({ length: 40 }, (_, index) => generateRequest(ops, IDS, index, rng));
    };
    assert.deepEqual(run(7), run(7));
    assert.notDeepEqual(run(7), run(8));
    const pairs = new Set(
      run(7)
        .slice(0, ops.length * FUZZ_ROLES.length)
        .map((r) => `${r.operationId}:${r.role}`),
    );
    assert.equal(pairs.size, ops.length * FUZZ_ROLES.length);
    const valid = run(7).filter((r) => r.operationId === 'createUnit' && !r.isHostile);
    assert.ok(valid.length > 0);
    for (const r of valid) assert.match(JSON.parse(r.body ?? '{}').code, /^\d{1,6}$/);
  });

  it('percent-encodes a lone surrogate as its bytes instead of throwing', () => {
    assert.equal(percentEncode('a\ud800 b'), 'a%ED%A0%80%20b');
    assert.equal(percentEncode('Phường 🙂'), encodeURIComponent('Phường 🙂'));
  });

  it('finds no 5xx and no row changed by a refused request in a fixed-seed run', async function () {
    this.timeout(180_000);
    const report = await runFuzz({
      requests: 300,
      seconds: 150,
      seed: 20261202,
      logger: createSilentLogger(),
    });
    assert.equal(report.sent, 300, `stopped by ${report.stoppedBy}`);
    assert.equal(report.pairsTried, report.operations * FUZZ_ROLES.length);
    assert.deepEqual(report.serverErrors, []);
    assert.deepEqual(report.rowsChangedByRefused, []);
    assert.ok(report.refusedMutations > 50, `only ${report.refusedMutations} refused mutating requests`);
    assert.ok(
      Object.keys(report.byStatus).some((status) => status.startsWith('2')),
      'some requests succeed',
    );
  });
});
