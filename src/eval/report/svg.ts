/**
 * Inline SVG line charts for the HTML report: axes, ticks, lines, shaded bands and a legend,
 * nothing external. Every label goes through `escapeHtml`.
 */
import { redactSecrets } from '../../text/redact.js';
import { neutralize } from '../../text/sanitize.js';

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for HTML and SVG (element content and quoted attributes). */
export function escapeHtml(text: string): string {
  // One sanitiser for every page too: keys redacted, controls and bidi overrides removed.
  return neutralize(redactSecrets(text)).replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);
}

export interface Series {
  name: string;
  color: string;
  points: Array<[number, number]>;
  dashed?: boolean;
}

/** A band shaded between `lo` and `hi`: constant (`y0`/`y1`) or per x (`points`). */
export type Band =
  { label: string; color: string; y0: number; y1: number } | { label: string; color: string; points: Array<[number, number, number]> };

export interface ChartSpec {
  title: string;
  yLabel: string;
  xMax: number;
  yMin: number;
  yMax: number;
  series: Series[];
  bands?: Band[];
  /** Formats y ticks (default: the number). */
  yFormat?: (v: number) => string;
}

export const PALETTE = [
  '#4e79a7',
  '#f28e2b',
  '#e15759',
  '#76b7b2',
  '#59a14f',
  '#edc948',
  '#b07aa1',
  '#ff9da7',
  '#9c755f',
  '#bab0ac',
  '#1f77b4',
  '#8c564b',
  '#17becf',
];

const W = 720;
const H = 260;
const M = { left: 56, right: 16, top: 28, bottom: 36 };

/** A line chart as an `<svg>` element string. */
export function lineChart(spec: ChartSpec): string {
  const xMax = Math.max(2, spec.xMax);
  const span = spec.yMax - spec.yMin || 1;
  const x = (v: number) => M.left + ((v - 1) / (xMax - 1)) * (W - M.left - M.right);
  const y = (v: number) => M.top + (1 - (v - spec.yMin) / span) * (H - M.top - M.bottom);
  const fmt = spec.yFormat ?? ((v: number) => String(Math.round(v * 100) / 100));
  const parts: string[] = [];
  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H + legendHeight(spec)}" role="img" aria-label="${escapeHtml(spec.title)}">`,
  );
  parts.push(`<text x="${M.left}" y="18" class="title">${escapeHtml(spec.title)}</text>`);
  for (const band of spec.bands ?? []) {
    if ('y0' in band) {
      parts.push(
        `<rect x="${x(1)}" y="${y(band.y1)}" width="${x(xMax) - x(1)}" height="${Math.max(0, y(band.y0) - y(band.y1))}" fill="${band.color}" opacity="0.15"><title>${escapeHtml(band.label)}</title></rect>`,
      );
    } else if (band.points.length > 0) {
      const top = band.points.map(([px, , hi]) => `${x(px).toFixed(1)},${y(hi).toFixed(1)}`);
      const bottom = [...band.points].reverse().map(([px, lo]) => `${x(px).toFixed(1)},${y(lo).toFixed(1)}`);
      parts.push(
        `<polygon points="${[...top, ...bottom].join(' ')}" fill="${band.color}" opacity="0.15"><title>${escapeHtml(band.label)}</title></polygon>`,
      );
    }
  }
  // Axes and ticks.
  parts.push(`<line x1="${M.left}" y1="${y(spec.yMin)}" x2="${W - M.right}" y2="${y(spec.yMin)}" class="axis"/>`);
  parts.push(`<line x1="${M.left}" y1="${M.top}" x2="${M.left}" y2="${H - M.bottom}" class="axis"/>`);
  for (let i = 0; i <= 4; i++) {
    const v = spec.yMin + (span * i) / 4;
    parts.push(
      `<line x1="${M.left}" y1="${y(v)}" x2="${W - M.right}" y2="${y(v)}" class="grid"/><text x="${M.left - 6}" y="${y(v) + 4}" class="tick" text-anchor="end">${escapeHtml(fmt(v))}</text>`,
    );
  }
  const step = Math.max(1, Math.ceil(xMax / 10));
  for (let t = 1; t <= xMax; t += step)
    parts.push(`<text x="${x(t)}" y="${H - M.bottom + 16}" class="tick" text-anchor="middle">${t}</text>`);
  parts.push(`<text x="${(M.left + W - M.right) / 2}" y="${H - 4}" class="tick" text-anchor="middle">turn</text>`);
  parts.push(
    `<text x="12" y="${(M.top + H - M.bottom) / 2}" class="tick" text-anchor="middle" transform="rotate(-90 12 ${(M.top + H - M.bottom) / 2})">${escapeHtml(spec.yLabel)}</text>`,
  );
  for (const s of spec.series) {
    if (s.points.length === 0) continue;
    const d = s.points
      .map(([px, py], i) => `${i === 0 ? 'M' : 'L'}${x(px).toFixed(1)},${y(clamp(py, spec.yMin, spec.yMax)).toFixed(1)}`)
      .join(' ');
    parts.push(
      `<path d="${d}" fill="none" stroke="${s.color}" stroke-width="1.8"${s.dashed ? ' stroke-dasharray="5 3"' : ''}><title>${escapeHtml(s.name)}</title></path>`,
    );
    if (s.points.length === 1) parts.push(`<circle cx="${x(s.points[0][0])}" cy="${y(s.points[0][1])}" r="3" fill="${s.color}"/>`);
  }
  parts.push(legend(spec));
  parts.push('</svg>');
  return parts.join('\n');
}

function legendItems(spec: ChartSpec): Array<{ label: string; color: string; band: boolean }> {
  return [
    ...spec.series.map((s) => ({ label: s.name, color: s.color, band: false })),
    ...(spec.bands ?? []).map((b) => ({ label: b.label, color: b.color, band: true })),
  ];
}

function legendHeight(spec: ChartSpec): number {
  return Math.ceil(legendItems(spec).length / 4) * 18 + 6;
}

function legend(spec: ChartSpec): string {
  return legendItems(spec)
    .map((item, i) => {
      const lx = M.left + (i % 4) * 168;
      const ly = H + 8 + Math.floor(i / 4) * 18;
      const mark = item.band
        ? `<rect x="${lx}" y="${ly - 8}" width="14" height="10" fill="${item.color}" opacity="0.3"/>`
        : `<line x1="${lx}" y1="${ly - 3}" x2="${lx + 14}" y2="${ly - 3}" stroke="${item.color}" stroke-width="2"/>`;
      return `${mark}<text x="${lx + 18}" y="${ly}" class="tick">${escapeHtml(item.label.length > 24 ? `${item.label.slice(0, 23)}…` : item.label)}</text>`;
    })
    .join('\n');
}

function clamp(v: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, v));
}
