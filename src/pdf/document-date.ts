/** SOURCE_DATE_EPOCH when set (reproducible builds), else the briefing's own date. */
export function documentDate(briefingDate: string, env: NodeJS.ProcessEnv = process.env): Date {
  const epoch = Number(env.SOURCE_DATE_EPOCH);
  if (env.SOURCE_DATE_EPOCH !== undefined && Number.isFinite(epoch)) return new Date(epoch * 1000);
  return new Date(`${briefingDate}T00:00:00Z`);
}
