/**
 * The audit table's monthly partitions as data: which months must exist, which have outlived the
 * retention period. Months are UTC, as the partition bounds are.
 */

export interface AuditMonth {
  /** audit_log_y2026m12 */
  name: string;
  /** First instant of the month. */
  from: Date;
  /** First instant of the next month (the bound is exclusive). */
  to: Date;
}

const PARTITION_NAME = /^audit_log_y(\d{4})m(\d{2})$/;

function monthStart(year: number, monthIndex: number): Date {
  return new Date(Date.UTC(year, monthIndex, 1));
}

export function auditMonthOf(at: Date, offsetMonths = 0): AuditMonth {
  const from = monthStart(at.getUTCFullYear(), at.getUTCMonth() + offsetMonths);
  const to = monthStart(from.getUTCFullYear(), from.getUTCMonth() + 1);
  const month = String(from.getUTCMonth() + 1).padStart(2, '0');
  return { name: `audit_log_y${from.getUTCFullYear()}m${month}`, from, to };
}

/** The month a partition name stands for; undefined for any other table (the default partition). */
export function auditMonthNamed(name: string): AuditMonth | undefined {
  const match = PARTITION_NAME.exec(name);
  if (!match) return undefined;
  return auditMonthOf(monthStart(Number(match[1]), Number(match[2]) - 1));
}

/** This month and the `monthsAhead` after it: created in advance so rows land in their month. */
export function auditMonthsAhead(now: Date, monthsAhead: number): AuditMonth[] {
  return Array.from({ length: monthsAhead + 1 }, (_, offset) => auditMonthOf(now, offset));
}

/**
 * Audit rows before this instant are removed: the start of the month `retentionMonths` before the
 * current one. A month is dropped whole, so rows are kept between `retentionMonths` and one month
 * more.
 */
export function auditCutoff(now: Date, retentionMonths: number): Date {
  return auditMonthOf(now, -retentionMonths).from;
}

/** The partitions wholly before the cutoff, oldest first. */
export function expiredAuditMonths(partitionNames: readonly string[], cutoff: Date): AuditMonth[] {
  return partitionNames
    .map(auditMonthNamed)
    .filter((month): month is AuditMonth => month !== undefined && month.to <= cutoff)
    .sort((a, b) => a.from.getTime() - b.from.getTime());
}
