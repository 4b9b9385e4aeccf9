import assert from 'node:assert/strict';
import type { NewProcedure } from '../../core/procedures/procedure';
import { ProceduresRepository } from '../../core/procedures/procedures.repo';
import { insertUnits } from '../api/api.fixture';
import { createTestDatabase, type TestDatabase } from '../support/database';

const birth = (unitId: number | null, code = 'khai-sinh'): NewProcedure => ({
  code,
  name: 'Đăng ký khai sinh',
  documents: ['Tờ khai đăng ký khai sinh', 'Giấy chứng sinh'],
  fees: 'Miễn phí khi đăng ký đúng hạn',
  processingTime: 'Trong ngày',
  legalBasis: ['Luật Hộ tịch 2014', 'Nghị định 123/2015/NĐ-CP'],
  unitId,
  portalUrl: 'https://dichvucong.gov.vn/p/home/dvc-trang-chu.html',
  notes: null,
});

describe('procedures repository: the catalogue in the database', () => {
  let testDb: TestDatabase;
  let repo: ProceduresRepository;
  let units: Map<string, number>;

  before(async () => {
    testDb = await createTestDatabase();
    repo = new ProceduresRepository(testDb.db.knex);
    units = await insertUnits(testDb.db.knex, [
      { code: '1', name: 'Phường Một' },
      { code: '2', name: 'Phường Hai' },
    ]);
  });
  after(async () => {
    await testDb.drop();
  });

  it('stores the lists as lists and reads a procedure back by id and code', async () => {
    const created = await repo.create(birth(null));
    assert.deepEqual(created.documents, ['Tờ khai đăng ký khai sinh', 'Giấy chứng sinh']);
    assert.deepEqual(created.legalBasis, ['Luật Hộ tịch 2014', 'Nghị định 123/2015/NĐ-CP']);
    assert.equal(created.active, true);
    assert.ok(created.createdAt instanceof Date);
    assert.deepEqual(await repo.byId(created.id), created);
    assert.deepEqual(await repo.byCode('khai-sinh'), created);
    assert.equal(await repo.byCode('khong-co'), undefined);
  });

  it("lists a unit's own procedures with those every ward handles, and filters on the active flag", async () => {
    const own = await repo.create({ ...birth(units.get('1') as number, 'rieng-1'), name: 'Ấp riêng' });
    const other = await repo.create({ ...birth(units.get('2') as number, 'rieng-2'), name: 'Bản riêng' });
    const retired = await repo.create({ ...birth(null, 'cu'), name: 'Cũ' });
    await repo.update(retired.id, { active: false });
    const ofOne = await repo.list({ unitId: units.get('1') as number, active: true });
    assert.deepEqual(
      ofOne.map((p) => p.code),
      ['rieng-1', 'khai-sinh'],
      'sorted by name with diacritics folded: "Ấp" before "Đăng"',
    );
    assert.deepEqual(
      (await repo.list({ active: false })).map((p) => p.code),
      ['cu'],
    );
    assert.equal((await repo.list()).length, 4);
    assert.ok(!ofOne.some((p) => p.id === other.id));
    assert.equal(own.unitId, units.get('1'));
  });

  it('changes only the given fields and says when there is no such procedure', async () => {
    const before = await repo.byCode('khai-sinh');
    const after = await repo.update(before?.id as number, {
      fees: 'Miễn phí',
      legalBasis: ['Luật Hộ tịch 2014'],
    });
    assert.equal(after?.fees, 'Miễn phí');
    assert.deepEqual(after?.legalBasis, ['Luật Hộ tịch 2014']);
    assert.deepEqual(after?.documents, before?.documents);
    assert.ok((after?.updatedAt as Date) >= (before?.updatedAt as Date));
    assert.equal(await repo.update(999_999, { fees: 'x' }), undefined);
  });

  it('adds only the missing codes of a sample, so a second run adds nothing', async () => {
    const sample = [birth(null, 'khai-sinh'), { ...birth(null, 'ket-hon'), name: 'Đăng ký kết hôn' }];
    assert.equal(await repo.addMissing(sample), 1);
    assert.equal(await repo.addMissing(sample), 0);
    assert.equal(
      (await repo.byCode('khai-sinh'))?.fees,
      'Miễn phí',
      'an existing procedure is left as the office keeps it',
    );
  });

  it('refuses what the table checks: a code of the wrong shape, a portal link that is not https', async () => {
    await assert.rejects(repo.create(birth(null, 'Khai Sinh')), /procedures_code_format/);
    await assert.rejects(
      repo.create({ ...birth(null, 'http-link'), portalUrl: 'http://dichvucong.gov.vn/' }),
      /procedures_portal_url_https/,
    );
    await assert.rejects(repo.create(birth(null, 'ket-hon')), /procedures_code_unique/);
  });

  it('lets a ticket name the procedure, and forgets it when the procedure is removed', async () => {
    const knex = testDb.db.knex;
    const temporary = await repo.create(birth(null, 'tam'));
    const [ticket] = await knex('tickets')
      .insert({
        code: 'T-PROC-1',
        received_at: new Date(),
        outcome: 'answered',
        status: 'new',
        procedure_id: temporary.id,
      })
      .returning(['id', 'procedure_id']);
    assert.equal(ticket.procedure_id, temporary.id);
    await knex('procedures').where({ id: temporary.id }).delete();
    const after = await knex('tickets').where({ id: ticket.id }).first('procedure_id');
    assert.equal(after.procedure_id, null);
    await knex('tickets').where({ id: ticket.id }).delete();
  });
});
