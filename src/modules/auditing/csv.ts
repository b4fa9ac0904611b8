/** RFC 4180: a field with a comma, quote, CR or LF is quoted, quotes doubled; lines end CRLF. */
export function csvField(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = value instanceof Date ? value.toISOString() : typeof value === 'object' ? JSON.stringify(value) : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export const csvLine = (fields: readonly unknown[]) => `${fields.map(csvField).join(',')}\r\n`;
