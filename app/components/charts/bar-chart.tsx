import { useId } from "react";

/**
 * A horizontal bar chart of percentages, drawn as plain SVG by the server (no chart library, no
 * client JavaScript, no inline styles: the Content-Security-Policy blocks them). It draws only
 * what suppression let through: a bar is a shown percentage; anything hidden is drawn as no bar
 * with the word that the table beside it uses. Readable in greyscale print: bars are solid dark
 * ink with the number written at their end, and paired bars (before and after) differ by pattern
 * as well as shade.
 */
export type Bar = {
  label: string;
  /** 0–100, or null when the percentage is not shown (hidden, or a denominator under 10). */
  percent: number | null;
  /** The 95% interval as whole percentages, drawn as a line across the bar's end and written after it. */
  interval?: { low: number; high: number };
  /** What the table says instead, e.g. "<5", "withheld", "n under 10". */
  note: string;
  /** A second bar for the same label (e.g. at exit, beside intake). */
  second?: { percent: number | null; note: string; interval?: { low: number; high: number } };
};

export type BarChartProps = {
  title: string;
  description: string;
  bars: Bar[];
  /** Names of the first and second bar, when bars come in pairs. */
  legend?: [string, string];
};

const INK = "#1f2a33";
const MUTED = "#52606d";
const GRID = "#d5dbe1";

export function BarChart({ title, description, bars, legend }: BarChartProps) {
  const id = useId().replace(/:/g, "");
  const paired = bars.some((b) => b.second);
  const row = paired ? 40 : 26;
  const labelWidth = 300;
  const plot = 360;
  const width = labelWidth + plot + (bars.some((b) => b.interval || b.second?.interval) ? 130 : 60);
  const top = legend ? 28 : 8;
  const height = top + bars.length * row + 24;
  const x = (p: number) => labelWidth + (plot * p) / 100;
  return (
    <figure className="chart">
      <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-labelledby={`${id}-title ${id}-desc`} className="chart__svg" xmlns="http://www.w3.org/2000/svg">
        <title id={`${id}-title`}>{title}</title>
        <desc id={`${id}-desc`}>{description}</desc>
        <defs>
          <pattern id={`${id}-hatch`} width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
            <rect width="6" height="6" fill="#ffffff" />
            <line x1="0" y1="0" x2="0" y2="6" stroke={INK} strokeWidth="3" />
          </pattern>
        </defs>
        {legend ? (
          <g fontSize="12" fill={INK}>
            <rect x={labelWidth} y="6" width="14" height="12" fill={INK} />
            <text x={labelWidth + 20} y="16">
              {legend[0]}
            </text>
            <rect x={labelWidth + 140} y="6" width="14" height="12" fill={`url(#${id}-hatch)`} stroke={INK} />
            <text x={labelWidth + 160} y="16">
              {legend[1]}
            </text>
          </g>
        ) : null}
        {[0, 25, 50, 75, 100].map((t) => (
          <g key={t}>
            <line x1={x(t)} x2={x(t)} y1={top} y2={height - 20} stroke={GRID} />
            <text x={x(t)} y={height - 6} fontSize="11" fill={MUTED} textAnchor="middle">
              {t}%
            </text>
          </g>
        ))}
        {bars.map((bar, i) => {
          const y = top + i * row + 4;
          const h = paired ? 14 : 16;
          return (
            <g key={bar.label}>
              <text x={labelWidth - 8} y={y + (paired ? 17 : 12)} fontSize="12" fill={INK} textAnchor="end">
                {bar.label.length > 46 ? `${bar.label.slice(0, 45)}…` : bar.label}
              </text>
              <BarShape x={x} y={y} h={h} percent={bar.percent} note={bar.note} interval={bar.interval} fill={INK} />
              {bar.second ? (
                <BarShape
                  x={x}
                  y={y + h + 2}
                  h={h}
                  percent={bar.second.percent}
                  note={bar.second.note}
                  interval={bar.second.interval}
                  fill={`url(#${id}-hatch)`}
                />
              ) : null}
            </g>
          );
        })}
      </svg>
    </figure>
  );
}

function BarShape({
  x,
  y,
  h,
  percent,
  note,
  interval,
  fill,
}: {
  x: (p: number) => number;
  y: number;
  h: number;
  percent: number | null;
  note: string;
  interval?: { low: number; high: number };
  fill: string;
}) {
  const start = x(0);
  if (percent === null) {
    return (
      <text x={start + 4} y={y + h - 3} fontSize="11" fill={MUTED}>
        {note}
      </text>
    );
  }
  // The interval: a line from its low to its high end across the middle of the bar, with end
  // ticks, in the ink colour (readable in greyscale), and written after the percentage.
  const mid = y + h / 2;
  return (
    <>
      <rect x={start} y={y} width={Math.max(1, x(percent) - start)} height={h} fill={fill} stroke={INK} strokeWidth="1" />
      {interval ? (
        <g stroke={INK} strokeWidth="1.5">
          <line x1={x(interval.low)} x2={x(interval.high)} y1={mid} y2={mid} />
          <line x1={x(interval.low)} x2={x(interval.low)} y1={y + 2} y2={y + h - 2} />
          <line x1={x(interval.high)} x2={x(interval.high)} y1={y + 2} y2={y + h - 2} />
        </g>
      ) : null}
      <text x={Math.max(x(percent), interval ? x(interval.high) : 0) + 4} y={y + h - 3} fontSize="11" fill={INK}>
        {interval ? `${percent}% (${interval.low}–${interval.high}%)` : `${percent}%`}
      </text>
    </>
  );
}
