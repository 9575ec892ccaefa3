import { Injectable } from '@nestjs/common';
import type { Message } from '@kindling/common';

/** A check a session family must pass before its refresh token rotates: null lets it through, a message refuses it. */
export interface RefreshCheck {
  refusal(familyId: string): Promise<Message | null>;
}

/**
 * Checks other contexts add to Kindling's refresh (single sign-on asks the identity provider
 * whether the person may still sign in). Identity does not know who checks; a refused family is
 * revoked and the refresh answers 401 with the check's message.
 */
@Injectable()
export class RefreshChecks {
  private readonly checks: RefreshCheck[] = [];

  register(check: RefreshCheck): void {
    this.checks.push(check);
  }

  async refusal(familyId: string): Promise<Message | null> {
    for (const check of this.checks) {
      const refused = await check.refusal(familyId);
      if (refused) return refused;
    }
    return null;
  }
}
