import { operation } from '../http/operation';
import { errorResponses } from '../openapi/common.schemas';
import type { AuditLogRepository } from './audit-log.repo';
import { auditLogQuery, auditPageSchema } from './audit-log.schemas';

export function auditLogRoutes(log: AuditLogRepository) {
  return {
    list: operation(
      {
        operationId: 'listAuditLog',
        summary: 'Who saw or changed what, newest first: filter by who, action, ticket and time',
        tag: 'audit',
        access: 'admin',
        query: auditLogQuery,
        responses: {
          200: { description: 'One page of the audit log', schema: auditPageSchema },
          ...errorResponses(400, 401, 403),
        },
      },
      async ({ query }) => {
        const rows = await log.page(query, query.limit + 1);
        const items = rows.slice(0, query.limit);
        const last = items.at(-1);
        return {
          status: 200,
          body: { items, nextCursor: rows.length > query.limit && last ? String(last.id) : null },
        };
      },
    ),
  };
}
