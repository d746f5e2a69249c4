/**
 * SillyTavern's timestamps. A message's `send_date` is written as "June 19, 2023 2:20pm" in local
 * time; older files hold epoch milliseconds, newer tools ISO 8601, and the header's `create_date`
 * is "2023-06-19@14h20m05s". All of these are read; the first two forms are written.
 */

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const MERIDIEM = /^([A-Za-z]+)\s+(\d{1,2}),\s*(\d{4})\s+(\d{1,2}):(\d{1,2})\s*(am|pm)$/i;
const HUMANIZED = /^(\d{4})-(\d{1,2})-(\d{1,2})\s*@(\d{1,2})h\s*(\d{1,2})m\s*(\d{1,2})s(?:\s*(\d{1,3})ms)?$/;
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

/** Epoch ms of a SillyTavern timestamp in any of its forms, or undefined when it is none of them. */
export function parseStDate(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? value : undefined;
  if (typeof value !== 'string') return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text);
  if (ISO.test(text)) {
    const ms = Date.parse(text);
    return Number.isNaN(ms) ? undefined : ms;
  }
  const m = MERIDIEM.exec(text);
  if (m) {
    const month = MONTHS.findIndex((name) => name.toLowerCase().startsWith(m[1].toLowerCase().slice(0, 3)));
    if (month < 0) return undefined;
    const hour = (Number(m[4]) % 12) + (m[6].toLowerCase() === 'pm' ? 12 : 0);
    return valid(new Date(Number(m[3]), month, Number(m[2]), hour, Number(m[5])).getTime());
  }
  const h = HUMANIZED.exec(text);
  if (h) {
    // SillyTavern writes these from the local clock (the chat's file name) and reads them back as UTC; local is what the player saw.
    return valid(
      new Date(Number(h[1]), Number(h[2]) - 1, Number(h[3]), Number(h[4]), Number(h[5]), Number(h[6]), Number(h[7] ?? 0)).getTime(),
    );
  }
  return undefined;
}

const valid = (ms: number): number | undefined => (Number.isNaN(ms) ? undefined : ms);

/** A message's `send_date` as SillyTavern writes it: "June 19, 2023 2:20pm" (local time). */
export function formatSendDate(ms: number): string {
  const d = new Date(ms);
  const hours = d.getHours();
  return `${MONTHS[d.getMonth()]} ${d.getDate()}, ${d.getFullYear()} ${hours % 12 === 0 ? 12 : hours % 12}:${String(d.getMinutes()).padStart(2, '0')}${hours >= 12 ? 'pm' : 'am'}`;
}

/** A header's `create_date` as SillyTavern writes it: "2023-06-19@14h20m05s" (local time). */
export function formatCreateDate(ms: number): string {
  const d = new Date(ms);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}@${pad(d.getHours())}h${pad(d.getMinutes())}m${pad(d.getSeconds())}s`;
}
