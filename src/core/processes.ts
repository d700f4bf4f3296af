/** Whether a process id names a running process (of any user). */
export function isRunning(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it runs, as another user; ESRCH: it is gone.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
