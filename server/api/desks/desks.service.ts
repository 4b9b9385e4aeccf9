import { isUniqueViolation } from '../../../core/db/pg-errors';
import { NotFoundError, TakenError } from '../../../core/errors';
import type { SessionUser } from '../auth/session-user';
import type { UnitsService } from '../units/units.service';
import { DESK_NAME_UNIQUE, type DesksRepository } from './desks.repo';
import type { Desk, DeskCreate, DeskPatch } from './desks.schemas';

const nameTaken = (name: string | undefined) => (error: unknown) => {
  throw isUniqueViolation(error, DESK_NAME_UNIQUE) && name !== undefined
    ? new TakenError('desk-name-taken', 'name', name, `The unit already has a desk named "${name}"`)
    : error;
};

/** A unit's one-stop desks: read within the user's scope, changed by admins. */
export class DesksService {
  constructor(
    private readonly repo: DesksRepository,
    private readonly units: UnitsService,
  ) {}

  async ofUnit(user: SessionUser, unitId: number): Promise<Desk[]> {
    await this.units.visible(user, unitId);
    return this.repo.ofUnit(unitId);
  }

  /** The desk if the user may see its unit; otherwise not found, as if it did not exist. */
  async visible(user: SessionUser, id: number): Promise<Desk> {
    const desk = await this.repo.find(id);
    if (!desk) throw new NotFoundError('desk', id);
    await this.units.visible(user, desk.unitId).catch(() => {
      throw new NotFoundError('desk', id);
    });
    return desk;
  }

  async create(user: SessionUser, unitId: number, body: DeskCreate, ip: string | null): Promise<Desk> {
    await this.units.visible(user, unitId);
    const id = await this.repo.transaction(async (desks, audit) => {
      const created = await desks.create(unitId, body).catch(nameTaken(body.name));
      await audit.record({
        userId: user.id,
        action: 'desk.create',
        entity: 'desk',
        entityId: created,
        details: { unitId, ...body },
        ip,
      });
      return created;
    });
    return this.visible(user, id);
  }

  async update(user: SessionUser, id: number, patch: DeskPatch, ip: string | null): Promise<Desk> {
    await this.visible(user, id);
    await this.repo.transaction(async (desks, audit) => {
      await desks.update(id, patch).catch(nameTaken(patch.name));
      await audit.record({
        userId: user.id,
        action: 'desk.update',
        entity: 'desk',
        entityId: id,
        details: { ...patch },
        ip,
      });
    });
    return this.visible(user, id);
  }
}
