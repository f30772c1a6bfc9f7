/**
 * A failed action in words for the person or system that asked: refusals the services explain
 * (bad input, a state that does not allow it), as opposed to internal errors, which are logged
 * and answered generically. Shared by the console (an error line on the page) and the token
 * API (409 with the message).
 */
import { isKioskError } from '../../core/errors.js';
import { AdminInputError } from '../auth/admins.js';
import { StoreInputError } from './stores.js';

export const problemOf = (e: unknown): string | null =>
  e instanceof AdminInputError || e instanceof StoreInputError || isKioskError(e)
    ? e.message
    : e instanceof Error && /^(store id|--replaces|scopes|--ttl-days|no job pack|no scoring model)/.test(e.message)
      ? e.message
      : null;
