// One day in milliseconds: retention windows, click-id windows and report periods are set in days.
export const DAY_MS = 86_400_000;
