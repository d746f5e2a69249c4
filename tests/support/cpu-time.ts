/**
 * Bounds for "this is linear, not quadratic" and "the guard answers before the parser runs" are
 * measured in the CPU time this process spends, not on the wall clock: a machine loaded with other
 * work stretches wall time many times over, while a runaway scan costs its CPU seconds however
 * busy the machine is.
 */

/** Starts a CPU stopwatch for this process; the returned function reads the milliseconds spent since. */
export function cpuStopwatch(): () => number {
  const start = process.cpuUsage();
  return () => {
    const spent = process.cpuUsage(start);
    return (spent.user + spent.system) / 1000;
  };
}
