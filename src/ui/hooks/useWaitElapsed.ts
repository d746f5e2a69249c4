/**
 * Seconds gone by in a retry's wait, so the live note counts down ("retry 1/3 in 14 s"): it said
 * "in 20 s" for the whole of a 20 s wait, which reads as stuck. One tick a second while the wait
 * lasts, through the injected schedule (tests fire it themselves).
 */
import { useEffect, useState } from 'react';
import type { RetryWait } from './useSessionRunner.js';
import type { ScheduleNotice } from './useNotice.js';

export function useWaitElapsed(wait: RetryWait | undefined, schedule: ScheduleNotice): number {
  const [state, setState] = useState<{ wait?: RetryWait; seconds: number }>({ seconds: 0 });
  // A new wait (the next retry, another candidate's) starts from nothing.
  const seconds = state.wait === wait ? state.seconds : 0;
  useEffect(() => {
    if (!wait || (seconds + 1) * 1000 > wait.delayMs) return undefined;
    return schedule(() => setState({ wait, seconds: seconds + 1 }), 1000);
  }, [wait, seconds, schedule]);
  return seconds;
}
