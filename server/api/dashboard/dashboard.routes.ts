import { operation } from '../http/operation';
import { errorResponses } from '../openapi/common.schemas';
import { dashboardQuery, dashboardSchema } from './dashboard.schemas';
import type { DashboardService } from './dashboard.service';

export function dashboardRoutes(dashboard: DashboardService) {
  return {
    overview: operation(
      {
        operationId: 'dashboard',
        summary:
          "A week, a month or a range of days at a glance: calls per day, each unit's answered and missed calls (and those that reached no unit), times, ratings; open work now",
        tag: 'dashboard',
        access: 'signed-in',
        query: dashboardQuery,
        responses: { 200: { description: 'The week', schema: dashboardSchema }, ...errorResponses(400, 401) },
      },
      async ({ query, user }) => ({ status: 200, body: await dashboard.overview(user, query) }),
    ),
  };
}
