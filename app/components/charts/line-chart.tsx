import { useId } from "react";
import { useDates } from "~/time/context";
import { TableHead } from "~/components/table-head";

/**
 * A line chart of answers over time, drawn as plain SVG by the server: no chart library and no
 * client-side JavaScript. The page's Content-Security-Policy blocks inline `style` attributes, so
 * everything is drawn with SVG presentation attributes (which a stylesheet may still override
 * through the class names). The numbers are always reachable without the picture, in a table
 * under "Show the numbers".
 */
export type LineChartPoint = { /** ISO date-time */ at: string; value: number };
export type LineChartSeries = { label: string; points: LineChartPoint[] };
export type LineChartProps = {
  /** Shown above the chart and read as the picture's name, e.g. "How safe they feel (0–10)". */
  title: string;
  /** One sentence for screen readers; by default a summary of each line is written. */
  description?: string;
  /** One or more lines; the fifth would repeat the first's colour, marker and dashes, so keep to four. */
  series: LineChartSeries[];
  /** The scale's range. Values outside it are drawn at the edge, marked, and shown as they are in the table. */
  yMin: number;
  yMax: number;
  /** Where the horizontal grid lines go; by default the keys of `yTickLabels`, or round numbers. */
  yTicks?: number[];
  /** Words for values, e.g. {1: "Standard", 2: "Medium", 3: "High"}; used on the axis and in the table. */
  yTickLabels?: Record<number, string>;
  /** The size of the drawing's coordinate system; the picture itself scales to the container's width. */
  width?: number;
  height?: number;
};

// Told apart by marker shape and dash pattern as well as colour (WCAG 1.4.1, use of colour).
// Each colour has a contrast ratio of at least 4.5:1 on white.
const COLOURS = ["#27496a", "#b35c00", "#2e7d32", "#6a1b9a"] as const;
const SHAPES = ["circle", "square", "triangle", "diamond"] as const;
const DASHES = ["none", "10 6", "3 5", "14 5 3 5"] as const;
type Shape = (typeof SHAPES)[number];
type Style = { colour: string; shape: Shape; dash: string };

const INK = "#1f2a33";
const MUTED = "#52606d";
const GRID = "#d5dbe1";

const number = new Intl.NumberFormat("en-GB", { maximumFractionDigits: 2 });

type Placed = {
  series: number;
  time: number;
  value: number;
  clamped: "above" | "below" | null;
  x: number;
  y: number;
};

export function LineChart({ title, description, series, yMin, yMax, yTicks, yTickLabels, width = 640, height = 240 }: LineChartProps) {
  const id = useId();
  // Days and times in the service's time zone, so a point at 00:30 BST is dated the day it was answered.
  const dates = useDates();
  const titleId = `${id}-title`;
  const descId = `${id}-desc`;

  // A point without a readable date or a finite value cannot be placed or dated, so it is left out.
  const cleaned = series.map((s) =>
    s.points
      .map((p) => ({ time: Date.parse(p.at), value: p.value }))
      .filter((p) => Number.isFinite(p.time) && Number.isFinite(p.value))
      .sort((a, b) => a.time - b.time),
  );
  const allTimes = cleaned.flat().map((p) => p.time);

  if (allTimes.length === 0) {
    return (
      <figure className="chart">
        <figcaption className="chart__title">{title}</figcaption>
        <p>No answers yet.</p>
      </figure>
    );
  }

  const styles = series.map((_, i) => styleFor(i));
  const labelFor = (value: number) => yTickLabels?.[value];
  const ticks = chooseYTicks(yMin, yMax, yTicks, yTickLabels);
  const tickTexts = ticks.map((t) => labelFor(t) ?? number.format(t));

  // Sizes in viewBox units, which shrink with the picture: the default 640-wide drawing in a
  // 330px-wide phone column is drawn at about half size, so the text starts large.
  const fontSize = Math.max(12, Math.round(width / 36));
  const r = Math.round(fontSize * 0.375 * 10) / 10;
  const longestTick = Math.max(0, ...tickTexts.map((t) => t.length));
  const left = Math.max(fontSize * 2, Math.ceil(longestTick * fontSize * 0.6 + fontSize * 0.75));
  const right = width - fontSize;
  const top = r + 10;
  // Below the x axis: room for a clamped marker's arrow, then the dates.
  const xLabelY = r + 10 + fontSize * 0.75;
  const bottom = height - (xLabelY + fontSize * 0.35);
  const plotCentreX = (left + right) / 2;
  // Markers at the first and last dates stay clear of the y axis and the edge.
  const xStart = left + r * 2;
  const xEnd = right - r * 2;

  const tMin = Math.min(...allTimes);
  const tMax = Math.max(...allTimes);
  const xOf = (time: number) => (tMax > tMin ? xStart + ((time - tMin) / (tMax - tMin)) * (xEnd - xStart) : plotCentreX);
  const ySpan = yMax - yMin;
  const yOf = (value: number) => {
    if (!(ySpan > 0)) return (top + bottom) / 2;
    const v = Math.min(yMax, Math.max(yMin, value));
    return bottom - ((v - yMin) / ySpan) * (bottom - top);
  };

  const placed: Placed[][] = cleaned.map((points, s) =>
    points.map((p) => ({
      series: s,
      time: p.time,
      value: p.value,
      clamped: p.value > yMax ? "above" : p.value < yMin ? "below" : null,
      x: round(xOf(p.time)),
      y: round(yOf(p.value)),
    })),
  );

  const spansYears = dates.year(tMin) !== dates.year(tMax);
  const axisDate = spansYears ? dates.day : dates.dayMonth;
  const xLabels = chooseXLabels(
    allTimes.toSorted((a, b) => a - b),
    (t) => axisDate(t),
    (t) => round(xOf(t)),
    fontSize,
    width,
  );

  // Two answers on one day need their times to be told apart in the table.
  const dayKeys = allTimes.map((t) => dates.day(t));
  const needsTime = new Set(dayKeys).size < dayKeys.length;
  const tableDate = (t: number) => (needsTime ? `${dates.day(t)}, ${dates.time(t)}` : dates.day(t));
  const valueText = (p: Placed) => {
    const shown = labelFor(p.value) ?? number.format(p.value);
    return p.clamped ? `${shown} (${p.clamped} the scale)` : shown;
  };
  const rows = placed.flat().sort((a, b) => a.time - b.time || a.series - b.series);

  const summary =
    description ??
    series
      .map((s, i) => {
        const points = placed[i] ?? [];
        const first = points[0];
        const last = points[points.length - 1];
        if (!first || !last) return `${s.label}: no answers yet.`;
        if (points.length === 1) return `${s.label}: 1 answer, on ${dates.day(first.time)}: ${valueText(first)}.`;
        return `${s.label}: ${points.length} answers from ${dates.day(first.time)} to ${dates.day(last.time)}, the latest ${valueText(last)}.`;
      })
      .join(" ");

  return (
    <figure className="chart">
      <figcaption className="chart__title">{title}</figcaption>
      <svg
        className="chart__plot"
        viewBox={`0 0 ${width} ${height}`}
        width="100%"
        role="img"
        aria-labelledby={`${titleId} ${descId}`}
        fontSize={fontSize}
        fill={INK}
      >
        <title id={titleId}>{title}</title>
        <desc id={descId}>{summary}</desc>

        <g className="chart__grid" stroke={GRID} strokeWidth={1}>
          {ticks.map((t) => (
            <line key={t} x1={left} x2={right} y1={round(yOf(t))} y2={round(yOf(t))} data-tick={t} />
          ))}
        </g>
        <g className="chart__y-labels" fill={MUTED} textAnchor="end">
          {ticks.map((t, i) => (
            <text key={t} x={left - fontSize / 2} y={round(yOf(t))} dy="0.32em">
              {tickTexts[i]}
            </text>
          ))}
        </g>

        <g className="chart__axes" stroke={MUTED} strokeWidth={1.5}>
          <line className="chart__axis chart__axis--y" x1={left} x2={left} y1={top} y2={bottom} />
          <line className="chart__axis chart__axis--x" x1={left} x2={right} y1={bottom} y2={bottom} />
          {xLabels.map((l) => (
            <line key={l.time} x1={l.x} x2={l.x} y1={bottom} y2={bottom + 5} />
          ))}
        </g>
        <g className="chart__x-labels" fill={MUTED}>
          {xLabels.map((l) => (
            <text key={l.time} x={l.x} y={round(bottom + xLabelY)} textAnchor={l.anchor}>
              {l.text}
            </text>
          ))}
        </g>

        {placed.map((points, s) => {
          const style = styles[s] ?? styleFor(s);
          if (points.length === 0) return null;
          return (
            <g key={s} className="chart__series" data-series={s}>
              <polyline
                points={points.map((p) => `${p.x},${p.y}`).join(" ")}
                fill="none"
                stroke={style.colour}
                strokeWidth={3}
                strokeLinejoin="round"
                strokeDasharray={style.dash}
              />
              {points.map((p, i) => (
                <g key={i}>
                  <Marker shape={style.shape} x={p.x} y={p.y} r={r} colour={style.colour} hollow={p.clamped !== null} data={p} />
                  {p.clamped ? <ClampArrow x={p.x} y={p.y} r={r} colour={style.colour} direction={p.clamped} /> : null}
                </g>
              ))}
            </g>
          );
        })}
      </svg>

      {series.length > 1 ? (
        <ul className="plain chart__legend">
          {series.map((s, i) => {
            const style = styles[i] ?? styleFor(i);
            return (
              <li key={i} data-shape={style.shape}>
                <svg className="chart__swatch" viewBox="0 0 36 16" width="2.25em" height="1em" aria-hidden="true" focusable="false">
                  <line x1={1} x2={35} y1={8} y2={8} stroke={style.colour} strokeWidth={3} strokeDasharray={style.dash} />
                  <Marker shape={style.shape} x={18} y={8} r={5} colour={style.colour} hollow={false} />
                </svg>{" "}
                {s.label}
              </li>
            );
          })}
        </ul>
      ) : null}

      <details className="chart__numbers">
        <summary>
          Show the numbers<span className="visually-hidden"> for {title}</span>
        </summary>
        <table>
          <caption className="visually-hidden">{title}</caption>
          <TableHead columns={["Date", "Series", "Answer"]} />
          <tbody>
            {rows.map((p, i) => (
              <tr key={i}>
                <td>{tableDate(p.time)}</td>
                <td>{series[p.series]?.label}</td>
                <td>{valueText(p)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}

function styleFor(index: number): Style {
  return {
    colour: COLOURS[index % COLOURS.length] ?? COLOURS[0],
    shape: SHAPES[index % SHAPES.length] ?? SHAPES[0],
    dash: DASHES[index % DASHES.length] ?? DASHES[0],
  };
}

/**
 * One point's marker, centred on (x, y): the polygons' vertices average to the centre. Sizes give
 * the shapes roughly the same area as the circle, so none looks more important.
 */
function Marker({ shape, x, y, r, colour, hollow, data }: { shape: Shape; x: number; y: number; r: number; colour: string; hollow: boolean; data?: Placed }) {
  const common = {
    className: "chart__marker",
    fill: hollow ? "#ffffff" : colour,
    stroke: hollow ? colour : "#ffffff",
    strokeWidth: hollow ? 2 : 1.5,
    "data-shape": shape,
    "data-x": data?.x,
    "data-y": data?.y,
    "data-value": data?.value,
    "data-clamped": data?.clamped ?? undefined,
  };
  if (shape === "circle") return <circle {...common} cx={x} cy={y} r={r} />;
  if (shape === "square") {
    const s = round(r * 0.89);
    return <rect {...common} x={round(x - s)} y={round(y - s)} width={round(2 * s)} height={round(2 * s)} />;
  }
  const vertices: Array<[number, number]> =
    shape === "triangle"
      ? [
          [x, y - r * 1.35],
          [x + r * 1.35 * 0.866, y + r * 0.675],
          [x - r * 1.35 * 0.866, y + r * 0.675],
        ]
      : [
          [x, y - r * 1.25],
          [x + r * 1.25, y],
          [x, y + r * 1.25],
          [x - r * 1.25, y],
        ];
  return <polygon {...common} points={vertices.map(([vx, vy]) => `${round(vx)},${round(vy)}`).join(" ")} />;
}

/** A chevron beyond a clamped marker, pointing the way the real value lies off the scale. */
function ClampArrow({ x, y, r, colour, direction }: { x: number; y: number; r: number; colour: string; direction: "above" | "below" }) {
  const sign = direction === "above" ? -1 : 1;
  const base = y + sign * (r + 3);
  const tip = y + sign * (r + 8);
  return (
    <path
      className="chart__clamp"
      data-clamped={direction}
      d={`M${round(x - 4)} ${round(base)}L${round(x)} ${round(tip)}L${round(x + 4)} ${round(base)}`}
      fill="none"
      stroke={colour}
      strokeWidth={2}
    />
  );
}

/** The grid's values: the caller's, else the labelled values, else round numbers (steps of 1, 2 or 5 × 10ⁿ). */
function chooseYTicks(yMin: number, yMax: number, given: number[] | undefined, labels: Record<number, string> | undefined): number[] {
  const inRange = (t: number) => Number.isFinite(t) && t >= yMin && t <= yMax;
  const tidy = (ts: number[]) => [...new Set(ts.filter(inRange))].sort((a, b) => a - b);
  if (given) return tidy(given);
  if (labels) {
    const keys = tidy(Object.keys(labels).map(Number));
    if (keys.length > 0) return keys;
  }
  const span = yMax - yMin;
  if (!Number.isFinite(span) || span <= 0) return Number.isFinite(yMin) ? [yMin] : [];
  const rough = span / 5;
  const magnitude = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 5, 10].map((m) => m * magnitude).find((s) => s >= rough) ?? 10 * magnitude;
  // Multiples of the step, computed from an integer count so 0.1 + 0.2 never shows as 0.30000000000000004.
  const decimals = Math.max(0, -Math.floor(Math.log10(step)));
  const ticks: number[] = [];
  for (let i = Math.ceil(yMin / step - 1e-9); i * step <= yMax + step * 1e-9; i++) {
    ticks.push(Number((i * step).toFixed(decimals)));
  }
  return tidy(ticks);
}

type XLabel = { time: number; x: number; text: string; anchor: "start" | "middle" | "end" };

/**
 * A few dates under the axis, each under a day that has an answer: the first and the last, and
 * as many between as fit without overlapping (a label's width is estimated from its length).
 */
function chooseXLabels(sortedTimes: number[], format: (t: number) => string, xOf: (t: number) => number, fontSize: number, width: number): XLabel[] {
  const days: XLabel[] = [];
  for (const time of sortedTimes) {
    const text = format(time);
    if (days.some((d) => d.text === text)) continue;
    const x = xOf(time);
    const half = (text.length * fontSize * 0.6) / 2;
    const anchor = x - half < 0 ? "start" : x + half > width ? "end" : "middle";
    days.push({ time, x, text, anchor });
  }
  const extent = (l: XLabel): [number, number] => {
    const w = l.text.length * fontSize * 0.6;
    if (l.anchor === "start") return [l.x, l.x + w];
    if (l.anchor === "end") return [l.x - w, l.x];
    return [l.x - w / 2, l.x + w / 2];
  };
  const clear = (a: XLabel, b: XLabel) => extent(a)[1] + fontSize < extent(b)[0];

  const first = days[0];
  const last = days.length > 1 ? days[days.length - 1] : undefined;
  if (!first) return [];
  const kept = [first];
  for (const day of days.slice(1, -1)) {
    const previous = kept[kept.length - 1];
    if (previous && clear(previous, day) && (!last || clear(day, last))) kept.push(day);
  }
  if (last) kept.push(last);
  return kept;
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}
