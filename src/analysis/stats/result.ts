/** A statistic that could not be computed says why instead of being NaN. */
export interface NotComputable {
  value: null;
  reason: string;
}

export function notComputable(reason: string): NotComputable {
  return { value: null, reason };
}

export function isComputable<T extends object>(result: T | NotComputable): result is T {
  return !('reason' in result && (result as NotComputable).value === null);
}
