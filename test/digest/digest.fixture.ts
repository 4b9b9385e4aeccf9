import type { Knex } from 'knex';

let ticketSeq = 0;

export interface TicketFields {
  unit_id?: number | null;
  received_at: Date;
  outcome?: string | null;
  wait_seconds?: number | null;
  rating?: number | null;
  status?: string;
  due_at?: Date | null;
  needs_callback?: boolean;
  category?: string | null;
  caller_number?: string | null;
  confidential?: boolean;
  answered_at?: Date | null;
}

export async function addUnit(
  knex: Knex,
  code: string,
  name: string,
  notifyEmails: string[] = [],
): Promise<number> {
  const [row] = await knex('units')
    .insert({ code, name, kind: 'ward', notify_emails: notifyEmails })
    .returning('id');
  return row.id as number;
}

export async function addTicket(knex: Knex, fields: TicketFields): Promise<{ id: number; code: string }> {
  ticketSeq += 1;
  const code = `HL-2026-${String(ticketSeq).padStart(6, '0')}`;
  const [row] = await knex('tickets')
    .insert({ code, caller_number: '+84912345678', ...fields })
    .returning(['id', 'code']);
  return { id: row.id as number, code: row.code as string };
}

export async function setSetting(knex: Knex, key: string, value: unknown): Promise<void> {
  await knex('settings')
    .insert({ key, value: JSON.stringify(value) })
    .onConflict('key')
    .merge();
}

/** A local wall-clock time in Hà Nội (UTC+7, no daylight saving) as an instant. */
export const hanoi = (local: string): Date => new Date(`${local}+07:00`);

export const HOTLINE_NAME = 'Đường dây nóng Chủ tịch UBND quận Bắc Từ Liêm';

/** The service was installed on this instant (the migration wrote the real one: tests run earlier). */
export const installedOn = (knex: Knex, at: Date) => setSetting(knex, 'installed_at', at.toISOString());

/** Installed on 1 August 2026, so every period the tests report on began after the installation. */
export const INSTALLED = hanoi('2026-08-01T00:00:00');

/**
 * A small organisation with a known week 2026-W47 (16–22 Nov 2026): the figures the tests
 * expect follow from these rows and nothing else.
 */
export async function seedKnownWeek(knex: Knex) {
  await installedOn(knex, INSTALLED);
  await setSetting(knex, 'hotline', { number: '0889009412', name: HOTLINE_NAME });
  await setSetting(knex, 'admin_email', 'noivu@example.gov.vn');
  const coNhue = await addUnit(knex, '1', 'UBND phường Cổ Nhuế 1', ['conhue1@example.gov.vn']);
  const xuanDinh = await addUnit(knex, '2', 'UBND phường Xuân Đỉnh', []);
  const t = (fields: TicketFields) => addTicket(knex, { status: 'closed', ...fields });
  // The service's first call, long before the reported periods and their comparisons.
  await t({
    unit_id: xuanDinh,
    received_at: hanoi('2026-08-03T09:00:00'),
    outcome: 'answered',
    wait_seconds: 7,
  });
  await t({
    unit_id: coNhue,
    received_at: hanoi('2026-11-16T08:00:00'),
    outcome: 'answered',
    wait_seconds: 10,
    rating: 1,
    category: 'Đất đai',
  });
  await t({
    unit_id: coNhue,
    received_at: hanoi('2026-11-17T09:00:00'),
    outcome: 'answered',
    wait_seconds: 20,
    rating: 3,
    category: 'Đất đai',
    status: 'new',
    needs_callback: true,
    due_at: hanoi('2026-11-18T09:00:00'),
  });
  await t({
    unit_id: coNhue,
    received_at: hanoi('2026-11-18T10:00:00'),
    outcome: 'answered',
    wait_seconds: 40,
    category: 'Bảo hiểm xã hội',
  });
  await t({
    unit_id: coNhue,
    received_at: hanoi('2026-11-19T11:00:00'),
    outcome: 'missed',
    wait_seconds: 30,
    status: 'new',
    needs_callback: true,
    due_at: hanoi('2026-11-20T11:00:00'),
  });
  await t({
    unit_id: coNhue,
    received_at: hanoi('2026-11-20T12:00:00'),
    outcome: 'voicemail',
    wait_seconds: 25,
    status: 'in_progress',
    needs_callback: true,
    due_at: hanoi('2026-11-30T12:00:00'),
  });
  await t({
    unit_id: coNhue,
    received_at: hanoi('2026-11-22T23:59:00'),
    outcome: 'abandoned',
    wait_seconds: 3,
  });
  await t({
    unit_id: xuanDinh,
    received_at: hanoi('2026-11-16T00:00:00'),
    outcome: 'answered',
    wait_seconds: 5,
    rating: 2,
    category: 'Đất đai',
  });
  await t({
    unit_id: null,
    received_at: hanoi('2026-11-21T07:00:00'),
    outcome: 'invalid_input',
    wait_seconds: 12,
  });
  // The week before: two answered calls at Cổ Nhuế 1.
  await t({
    unit_id: coNhue,
    received_at: hanoi('2026-11-09T08:00:00'),
    outcome: 'answered',
    wait_seconds: 8,
  });
  await t({
    unit_id: coNhue,
    received_at: hanoi('2026-11-15T23:59:59'),
    outcome: 'answered',
    wait_seconds: 9,
  });
  // The week after: outside the digest.
  await t({
    unit_id: xuanDinh,
    received_at: hanoi('2026-11-23T00:00:00'),
    outcome: 'missed',
    wait_seconds: 30,
  });
  return { coNhue, xuanDinh };
}
