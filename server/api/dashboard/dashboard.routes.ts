import { operation } from '../http/operation';
import { errorResponses } from '../openapi/common.schemas';
import { dashboardQuery, dashboardSchema } from './dashboard.schemas';
import type { DashboardService } from './dashboard.service';

export function dashboardRoutes(dashboard: DashboardService) {
  return {
    week: operation(
      {
        operationId: 'dashboard',
        summary:
          "A week at a glance: calls per day, each unit's answered and missed calls, times, ratings, open work",
        tag: 'dashboard',
        access: 'signed-in',
        query: dashboardQuery,
        responses: { 200: { description: 'The week', schema: dashboardSchema }, ...errorResponses(400, 401) },
      },
      async ({ query, user }) => ({ status: 200, body: await dashboard.week(user, query.week) }),
    ),
  };
}
