/**
 * The default alert rules' thresholds (DESIGN.md), drawn as dashed lines on charts and used to
 * flag values in tables. When alert rules become configurable, these come from the api.
 */

/** Consumer lag in seconds above which the default lag alert fires. */
export const LAG_SECONDS_THRESHOLD = 60;

/** Event size p95 in bytes above which the default size alert fires (1 MiB). */
export const SIZE_P95_THRESHOLD = 1024 * 1024;
