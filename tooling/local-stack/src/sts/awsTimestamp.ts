/** AWS's timestamp form in XML: ISO 8601 in UTC to the second, `2026-01-01T12:00:00Z`. */
export function awsTimestamp(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, "Z");
}
