import { isUniqueViolation } from '../../../core/db/pg-errors';
import { officialDialAsSeen } from '../../../core/domain/official-numbers';
import { issue, NotFoundError, TakenError, ValidationError } from '../../../core/errors';
import { type SessionUser, unitScope } from '../auth/session-user';
import type { RosterChanges } from './roster-changes';
import {
  CONTACT_DIAL_UNIQUE,
  type ContactColumns,
  UNIT_CODE_UNIQUE,
  type UnitColumns,
  type UnitsRepository,
} from './units.repo';
import type { Contact, ContactCreate, ContactPatch, Unit, UnitCreate, UnitPatch } from './units.schemas';

/** Units and their contacts: everyone reads within their scope, admins change them. */
export class UnitsService {
  constructor(
    private readonly repo: UnitsRepository,
    private readonly changes: RosterChanges,
  ) {}

  async list(user: SessionUser): Promise<Unit[]> {
    const units = await this.repo.list(unitScope(user));
    return units.map((unit) => ({
      ...unit,
      contacts: unit.contacts.map((contact) => ({
        ...contact,
        dial: officialDialAsSeen(user.role, contact.dial),
      })),
    }));
  }

  /** The unit if the user may see it; otherwise not found, as if it did not exist. */
  async visible(user: SessionUser, id: number): Promise<Unit> {
    const scope = unitScope(user);
    const unit = scope === null || scope.includes(id) ? await this.repo.find(id) : undefined;
    if (!unit) throw new NotFoundError('unit', id);
    return unit;
  }

  async create(user: SessionUser, body: UnitCreate, ip: string | null): Promise<Unit> {
    await this.refuseComplaintKey(body.code);
    if (await this.repo.idByCode(body.code)) throw codeTaken(body.code);
    const fallbackId = body.fallbackCode === null ? null : await this.fallbackId(body.fallbackCode);
    const id = await this.repo.transaction(async (units, audit) => {
      const created = await units
        .create({
          code: body.code,
          name: body.name,
          kind: body.kind,
          active: body.active,
          fallback_unit_id: fallbackId,
          notify_emails: body.notifyEmails,
        })
        .catch((error: unknown) => {
          // Two admins creating the same code at once: the loser hits the unique index instead.
          throw isUniqueViolation(error, UNIT_CODE_UNIQUE) ? codeTaken(body.code) : error;
        });
      await audit.record({
        userId: user.id,
        action: 'unit.create',
        entity: 'unit',
        entityId: created,
        details: { ...body },
        ip,
      });
      return created;
    });
    await this.changes.changed(`unit:${id}`);
    return this.visible(user, id);
  }

  async update(user: SessionUser, id: number, patch: UnitPatch, ip: string | null): Promise<Unit> {
    await this.visible(user, id);
    const columns: UnitColumns = {};
    if (patch.code !== undefined) {
      await this.refuseComplaintKey(patch.code);
      const holder = await this.repo.idByCode(patch.code);
      if (holder !== undefined && holder !== id) throw codeTaken(patch.code);
      columns.code = patch.code;
    }
    if (patch.fallbackCode !== undefined) {
      const fallbackId = patch.fallbackCode === null ? null : await this.fallbackId(patch.fallbackCode);
      if (fallbackId === id)
        throw new ValidationError('body', [
          issue('fallbackCode', 'same-unit', 'must be another unit than this one'),
        ]);
      columns.fallback_unit_id = fallbackId;
    }
    if (patch.name !== undefined) columns.name = patch.name;
    if (patch.kind !== undefined) columns.kind = patch.kind;
    if (patch.active !== undefined) columns.active = patch.active;
    if (patch.notifyEmails !== undefined) columns.notify_emails = patch.notifyEmails;
    await this.repo.transaction(async (units, audit) => {
      await units.update(id, columns).catch((error: unknown) => {
        throw isUniqueViolation(error, UNIT_CODE_UNIQUE) && patch.code ? codeTaken(patch.code) : error;
      });
      await audit.record({
        userId: user.id,
        action: 'unit.update',
        entity: 'unit',
        entityId: id,
        details: { ...patch },
        ip,
      });
    });
    await this.changes.changed(`unit:${id}`);
    return this.visible(user, id);
  }

  /** Sets or clears the unit's own number; the dialplan does not route on it, so no roster change. */
  async setDirectNumber(
    user: SessionUser,
    id: number,
    directNumber: string | null,
    ip: string | null,
  ): Promise<Unit> {
    await this.visible(user, id);
    await this.repo.transaction(async (units, audit) => {
      await units.update(id, { direct_number: directNumber });
      await audit.record({
        userId: user.id,
        action: 'unit.direct-number',
        entity: 'unit',
        entityId: id,
        details: { directNumber },
        ip,
      });
    });
    return this.visible(user, id);
  }

  async createContact(
    user: SessionUser,
    unitId: number,
    body: ContactCreate,
    ip: string | null,
  ): Promise<Contact> {
    await this.visible(user, unitId);
    const id = await this.repo.transaction(async (units, audit) => {
      const created = await units
        .createContact(unitId, {
          name: body.name,
          role: body.role,
          dial: body.dial,
          confirm_answer: body.confirmAnswer,
          active: body.active,
        })
        .catch((error: unknown) => {
          throw isUniqueViolation(error, CONTACT_DIAL_UNIQUE) ? dialTaken(body.dial) : error;
        });
      await audit.record({
        userId: user.id,
        action: 'contact.create',
        entity: 'contact',
        entityId: created,
        details: { unitId, ...body },
        ip,
      });
      return created;
    });
    await this.changes.changed(`unit:${unitId}`);
    return this.contact(id);
  }

  async updateContact(
    user: SessionUser,
    id: number,
    patch: ContactPatch,
    ip: string | null,
  ): Promise<Contact> {
    const current = await this.contact(id);
    const columns: ContactColumns = {};
    if (patch.name !== undefined) columns.name = patch.name;
    if (patch.role !== undefined) columns.role = patch.role;
    if (patch.dial !== undefined) columns.dial = patch.dial;
    if (patch.confirmAnswer !== undefined) columns.confirm_answer = patch.confirmAnswer;
    if (patch.active !== undefined) columns.active = patch.active;
    await this.repo.transaction(async (units, audit) => {
      await units.updateContact(id, columns).catch((error: unknown) => {
        throw isUniqueViolation(error, CONTACT_DIAL_UNIQUE) && patch.dial ? dialTaken(patch.dial) : error;
      });
      await audit.record({
        userId: user.id,
        action: 'contact.update',
        entity: 'contact',
        entityId: id,
        details: { ...patch },
        ip,
      });
    });
    await this.changes.changed(`unit:${current.unitId}`);
    return this.contact(id);
  }

  async deleteContact(user: SessionUser, id: number, ip: string | null): Promise<void> {
    const current = await this.contact(id);
    await this.repo.transaction(async (units, audit) => {
      await units.deleteContact(id);
      await audit.record({
        userId: user.id,
        action: 'contact.delete',
        entity: 'contact',
        entityId: id,
        details: { ...current },
        ip,
      });
    });
    await this.changes.changed(`unit:${current.unitId}`);
  }

  private async contact(id: number): Promise<Contact> {
    const contact = await this.repo.findContact(id);
    if (!contact) throw new NotFoundError('contact', id);
    return contact;
  }

  /**
   * The menu's confidential complaint key is no unit's code: the IVR would have to drop one of the
   * two (core/roster/roster.store.ts keeps the unit), and the organisation file refuses it too.
   */
  private async refuseComplaintKey(code: string): Promise<void> {
    if (code === (await this.repo.confidentialCode()))
      throw new TakenError(
        'code-is-complaint-key',
        'code',
        code,
        `Unit code "${code}" is the phone menu's key for confidential complaints to the chairman`,
      );
  }

  private async fallbackId(code: string): Promise<number> {
    const id = await this.repo.idByCode(code);
    if (id === undefined)
      throw new ValidationError('body', [
        issue('fallbackCode', 'unknown-unit', `no unit has the code ${code}`, { codes: code }),
      ]);
    return id;
  }
}

function codeTaken(code: string): TakenError {
  return new TakenError('code-taken', 'code', code, `Unit code "${code}" is already used by another unit`);
}

function dialTaken(dial: string): TakenError {
  return new TakenError('dial-taken', 'dial', dial, `This unit already has a contact dialled at ${dial}`);
}
