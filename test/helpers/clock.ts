/** The clock every test scan runs with, so that reports are reproducible. */
export const FIXED_NOW: Date = new Date('2026-11-22T09:00:00Z');
