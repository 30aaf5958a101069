import { z } from 'zod';

/**
 * The test clock (TEST_CLOCK=true, never in production): end-to-end tests
 * move the backend's wall clock forward to watch deadlines pass, and the
 * periodic sweeps run at once so what became due is due now.
 */
export const DEV_CLOCK_MAX_ADVANCE_MS = 400 * 86_400_000;

export const DevClockAdvanceRequestSchema = z.strictObject({
  advanceMs: z.number().int().min(0).max(DEV_CLOCK_MAX_ADVANCE_MS),
});
export type DevClockAdvanceRequest = z.infer<typeof DevClockAdvanceRequestSchema>;

export const DevClockSchema = z.object({
  now: z.iso.datetime({ offset: true }),
  /** What the sweeps found due at the new time. */
  swept: z.object({ restoreDue: z.number().int(), requestsClosed: z.number().int(), rightsReminded: z.number().int() }).optional(),
});
export type DevClock = z.infer<typeof DevClockSchema>;
