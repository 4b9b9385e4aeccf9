import type { Logger } from '../../../core/logger';
import type { RostersRepository } from './rosters.repo';

/**
 * After any change to units, contacts, shifts or overrides: this instance's IVR reloads its roster
 * (onRosterChanged, wired to RosterStore.refresh) and the others hear NOTIFY roster_changed. The
 * change is already committed, so a failure here is logged, not returned: the periodic refresh
 * catches up.
 */
export class RosterChanges {
  constructor(
    private readonly rosters: RostersRepository,
    private readonly onRosterChanged: () => Promise<void> | void,
    private readonly logger: Logger,
  ) {}

  async changed(what: string): Promise<void> {
    const results = await Promise.allSettled([this.rosters.notifyChanged(what), this.onRosterChanged()]);
    for (const result of results) {
      if (result.status === 'rejected') {
        this.logger.warn('roster change not propagated yet: the periodic refresh will pick it up', {
          what,
          error: (result.reason as Error).message,
        });
      }
    }
  }
}
