import { z } from 'zod';

/** Ids minted on a kiosk (ULIDs) or in a job pack; bounded so one record cannot be huge. */
export const Id = z.string().min(1).max(128);
/** A kiosk-clock ISO timestamp, kept as reported. */
export const Timestamp = z.string().min(10).max(40);
