/** Short locks and leases for tests, so a killed worker's job and window are free again within seconds. */
export const FAST_RECOVERY = { lockDurationMs: 1_000, stalledIntervalMs: 500, leaseMs: 1_500 };
