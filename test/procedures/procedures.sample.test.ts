import assert from 'node:assert/strict';
import { ProceduresRepository } from '../../core/procedures/procedures.repo';
import sampleCatalogue from '../../core/seed/procedures.json';
import { parseProcedures, sampleProcedures } from '../../core/seed/procedures.load';
import { createTestDatabase, type TestDatabase } from '../support/database';

describe('the sample procedures catalogue (core/seed/procedures.json)', () => {
  const sample = sampleProcedures();

  it('holds between 10 and 24 common procedures, each handled by every ward', () => {
    assert.ok(sample.length >= 10 && sample.length <= 24, `${sample.length} procedures`);
    assert.ok(sample.every((p) => p.unitId === null));
  });

  it('says it is a sample the office checks, in the file and on every entry', () => {
    assert.match(sampleCatalogue.about, /MẪU/);
    assert.match(sampleCatalogue.about, /SAMPLE/);
    for (const procedure of sample) assert.match(procedure.notes ?? '', /Danh mục mẫu/, procedure.code);
  });

  it('gives each procedure documents, fees, a time and its legal basis, and links the national portal', () => {
    for (const p of sample) {
      assert.ok(p.documents.length > 0, p.code);
      assert.ok(p.legalBasis.length > 0, p.code);
      assert.match(p.portalUrl ?? '', /^https:\/\/dichvucong\.gov\.vn\//, p.code);
    }
  });

  it('rests the well-known procedures on their instruments', () => {
    const basis = (code: string) => sample.find((p) => p.code === code)?.legalBasis.join(' | ') ?? '';
    assert.match(basis('khai-sinh'), /Luật Hộ tịch.*Nghị định 123\/2015\/NĐ-CP/);
    assert.match(basis('chung-thuc-ban-sao'), /Nghị định 23\/2015\/NĐ-CP.*Thông tư 226\/2016\/TT-BTC/);
    assert.match(basis('dang-ky-thuong-tru'), /Luật Cư trú.*Nghị định 62\/2021\/NĐ-CP/);
    assert.match(basis('dang-ky-ho-kinh-doanh'), /Nghị định 01\/2021\/NĐ-CP/);
    assert.match(basis('cap-gcn-lan-dau'), /Luật Đất đai số 31\/2024\/QH15/);
    assert.match(sample.find((p) => p.code === 'khai-sinh')?.fees ?? '', /^Miễn lệ phí khi đăng ký đúng hạn/);
  });

  it('refuses a file with a duplicate code or an entry without legal basis, naming the field', () => {
    const [first] = sampleCatalogue.procedures;
    assert.throws(
      () => parseProcedures('twice.json', { about: 'x', procedures: [first, first] }),
      /twice\.json is not a valid procedures file:\n {2}- procedures: codes must be unique/,
    );
    assert.throws(
      () => parseProcedures('bare.json', { about: 'x', procedures: [{ ...first, legalBasis: [] }] }),
      /procedures\.0\.legalBasis: must name at least one instrument/,
    );
  });

  describe('loaded into a database', () => {
    let testDb: TestDatabase;
    before(async () => {
      testDb = await createTestDatabase();
    });
    after(async () => testDb.drop());

    it('adds every procedure once: a second load adds nothing', async () => {
      const repo = new ProceduresRepository(testDb.db.knex);
      assert.equal(await repo.addMissing(sample), sample.length);
      assert.equal(await repo.addMissing(sample), 0);
      const stored = await repo.byCode('chung-thuc-ban-sao');
      assert.deepEqual(stored?.legalBasis, sample.find((p) => p.code === 'chung-thuc-ban-sao')?.legalBasis);
    });
  });
});
