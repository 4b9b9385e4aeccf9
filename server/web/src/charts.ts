import { h, svg, uid } from './dom';

export interface Series {
  label: string;
  /** CSS class giving the colour (see styles/dashboard.css: .s-answered, .s-missed, ...). */
  className: string;
}

export interface Stack {
  label: string;
  /** null: nothing to draw yet (a day still to come), which is not a zero. */
  values: number[] | null;
}

const sum = (values: number[] | null): number => (values ?? []).reduce((a, b) => a + b, 0);

/** A round axis maximum above `value`: 1, 2, 5 × a power of ten. */
export function niceMax(value: number): number {
  if (value <= 0) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  const step = [1, 2, 5, 10].find((m) => m * power >= value) ?? 10;
  return step * power;
}

function frame(
  title: string,
  summary: string,
  width: number,
  height: number,
  ...children: SVGElement[]
): SVGSVGElement {
  const titleId = uid('chart');
  return svg(
    'svg',
    {
      viewBox: `0 0 ${width} ${height}`,
      role: 'img',
      'aria-labelledby': `${titleId} ${titleId}-d`,
      className: 'chart',
    },
    svg('title', { id: titleId }, title),
    svg('desc', { id: `${titleId}-d` }, summary),
    ...children,
  );
}

export function legend(series: Series[]): HTMLElement {
  return h(
    'ul',
    { className: 'legend', 'aria-hidden': 'true' },
    series.map((s) => h('li', {}, h('span', { className: `swatch ${s.className}` }), s.label)),
  );
}

/**
 * Stacked columns, one per label (days; a label may have two lines, split by "\n"). `width` is the
 * width in CSS pixels it will be shown at, so text keeps its size on a phone and on a desk.
 */
export function columnChart(title: string, series: Series[], stacks: Stack[], width: number): SVGSVGElement {
  const height = 230;
  const top = 18;
  const bottom = 40;
  const left = 30;
  const plot = height - top - bottom;
  const max = niceMax(Math.max(0, ...stacks.map((s) => sum(s.values))));
  // Every label would overlap on a month at phone width: then every second, third... day is named.
  const labelEvery = Math.max(1, Math.ceil((stacks.length * 44) / (width - left)));
  const slot = (width - left) / Math.max(1, stacks.length);
  const bar = Math.min(36, slot * 0.6);
  const y = (value: number) => top + plot - (value / max) * plot;
  const parts: SVGElement[] = [0, max / 2, max]
    .filter(Number.isInteger)
    .map((tick) =>
      svg(
        'g',
        { className: 'grid' },
        svg('line', { x1: left, x2: width, y1: y(tick), y2: y(tick) }),
        svg('text', { x: left - 4, y: y(tick) + 4, 'text-anchor': 'end' }, String(tick)),
      ),
    );
  stacks.forEach((stack, i) => {
    const x = left + i * slot + (slot - bar) / 2;
    let base = 0;
    stack.values?.forEach((value, s) => {
      if (value <= 0) return;
      parts.push(
        svg('rect', {
          x,
          y: y(base + value),
          width: bar,
          height: (value / max) * plot,
          className: series[s]?.className ?? '',
        }),
      );
      base += value;
    });
    if (stack.values !== null && stacks.length <= 14) {
      parts.push(
        svg(
          'text',
          { x: x + bar / 2, y: y(base) - 4, 'text-anchor': 'middle', className: 'value' },
          String(base),
        ),
      );
    }
    if (i % labelEvery !== 0) return;
    const lines = stack.label.split('\n');
    parts.push(
      svg(
        'text',
        { x: x + bar / 2, y: height - bottom + 16, 'text-anchor': 'middle' },
        lines.map((line, n) => svg('tspan', { x: x + bar / 2, dy: n === 0 ? 0 : 15 }, line)),
      ),
    );
  });
  return frame(title, summaryOf(series, stacks), width, height, ...parts);
}

/** What a chart shows, in words, for a screen reader; a day still to come says so. */
function summaryOf(series: Series[], stacks: Stack[]): string {
  return stacks
    .map(
      (s) => `${s.label}: ${s.values ? s.values.map((v, i) => `${series[i]?.label} ${v}`).join(', ') : '—'}`,
    )
    .join('; ');
}

/** Horizontal stacked bars with the label above each bar, so long ward names fit on a phone. */
export function barChart(title: string, series: Series[], stacks: Stack[], width: number): SVGSVGElement {
  const rowHeight = 40;
  const height = Math.max(1, stacks.length) * rowHeight + 4;
  const totals = stacks.map((s) => sum(s.values));
  const max = Math.max(1, ...totals);
  const plot = width - 36;
  const parts: SVGElement[] = [];
  stacks.forEach((stack, i) => {
    const top = i * rowHeight;
    parts.push(svg('text', { x: 0, y: top + 14 }, stack.label));
    let base = 0;
    stack.values?.forEach((value, s) => {
      if (value <= 0) return;
      parts.push(
        svg('rect', {
          x: (base / max) * plot,
          y: top + 20,
          width: (value / max) * plot,
          height: 14,
          className: series[s]?.className ?? '',
        }),
      );
      base += value;
    });
    parts.push(
      svg('text', { x: (base / max) * plot + 4, y: top + 32, className: 'value' }, String(totals[i])),
    );
  });
  return frame(title, summaryOf(series, stacks), width, height, ...parts);
}
