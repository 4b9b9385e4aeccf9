import type { FuzzReport } from './fuzz.run';

const BODY_SHOWN_CHARS = 300;

/** The run as a person reads it: answers by status, each distinct 5xx, rows changed by refusals. */
export function formatFuzzReport(report: FuzzReport): string {
  const lines = [
    `fuzz: seed ${report.seed}, ${report.sent} requests in ${report.seconds} s (stopped by ${report.stoppedBy} limit)`,
    `database: ${report.database}`,
    `operations: ${report.operations}; operation × role pairs tried: ${report.pairsTried} of ${report.operations * 4}`,
    'answers by status:',
    ...Object.entries(report.byStatus)
      .sort(([a], [b]) => Number(a) - Number(b))
      .map(([status, count]) => `  ${status}  ${count}`),
    `5xx: ${report.serverErrors.reduce((sum, fault) => sum + fault.count, 0)} (${report.serverErrors.length} distinct)`,
    ...report.serverErrors.map(
      (fault) =>
        `  ${fault.status} ×${fault.count} ${fault.method} ${fault.path.slice(0, 200)}\n      ${fault.body.slice(0, BODY_SHOWN_CHARS)}`,
    ),
    `refused mutating requests: ${report.refusedMutations}; rows changed by one: ${
      report.rowsChangedByRefused.length === 0 ? 'none' : report.rowsChangedByRefused.length
    }`,
    ...report.rowsChangedByRefused.map(
      (change) =>
        `  ${change.status} ${change.method} ${change.path.slice(0, 200)} changed ${change.tables.join(', ')}`,
    ),
  ];
  return `${lines.join('\n')}\n`;
}
