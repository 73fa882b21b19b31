import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { LineChart, type LineChartProps } from "./line-chart";

// These tests read the drawing back out of the markup (element geometry, not the component's own
// helpers), so a chart that draws a point in the wrong place fails them.

type Tag = { name: string; attrs: Record<string, string> };

function tags(markup: string): Tag[] {
  return [...markup.matchAll(/<([a-zA-Z]+)((?:\s+[\w:-]+="[^"]*")*)\s*\/?>/g)].map((m) => ({
    name: m[1] ?? "",
    attrs: Object.fromEntries([...(m[2] ?? "").matchAll(/([\w:-]+)="([^"]*)"/g)].map((a) => [a[1] ?? "", a[2] ?? ""])),
  }));
}

/** The main drawing only: the legend's little swatches come after it. */
function plot(markup: string): string {
  const start = markup.indexOf('<svg class="chart__plot"');
  expect(start).toBeGreaterThanOrEqual(0);
  return markup.slice(start, markup.indexOf("</svg>", start) + "</svg>".length);
}

function num(tag: Tag, attr: string): number {
  const value = tag.attrs[attr];
  expect(value, `${tag.name} has ${attr}`).toBeDefined();
  return Number(value);
}

/** A marker's centre, worked out from the shape actually drawn. */
function centre(tag: Tag): { x: number; y: number } {
  if (tag.name === "circle") return { x: num(tag, "cx"), y: num(tag, "cy") };
  if (tag.name === "rect") return { x: num(tag, "x") + num(tag, "width") / 2, y: num(tag, "y") + num(tag, "height") / 2 };
  if (tag.name === "polygon") {
    const vertices = (tag.attrs.points ?? "").split(" ").map((pair) => pair.split(",").map(Number));
    return {
      x: vertices.reduce((sum, v) => sum + (v[0] ?? NaN), 0) / vertices.length,
      y: vertices.reduce((sum, v) => sum + (v[1] ?? NaN), 0) / vertices.length,
    };
  }
  throw new Error(`not a marker: ${tag.name}`);
}

type Marker = { x: number; y: number; shape: string; series: number; value: number; clamped?: string };

/** Every marker in the plot, checked against its own geometry and the line through it. */
function markers(markup: string): Marker[] {
  const drawing = plot(markup);
  const groups = [...drawing.matchAll(/<g class="chart__series" data-series="(\d+)">(.*?)<\/g><\/g>/g)];
  const found: Marker[] = [];
  for (const group of groups) {
    const series = Number(group[1]);
    const inner = tags(group[2] ?? "");
    const line = inner.find((t) => t.name === "polyline");
    expect(line).toBeDefined();
    const vertices = (line?.attrs.points ?? "").split(" ").map((pair) => pair.split(",").map(Number));
    const own = inner.filter((t) => (t.attrs.class ?? "").split(" ").includes("chart__marker"));
    expect(own).toHaveLength(vertices.length);
    own.forEach((tag, i) => {
      const c = centre(tag);
      expect(c.x).toBeCloseTo(num(tag, "data-x"), 1);
      expect(c.y).toBeCloseTo(num(tag, "data-y"), 1);
      expect(c.x).toBeCloseTo(vertices[i]?.[0] ?? NaN, 1);
      expect(c.y).toBeCloseTo(vertices[i]?.[1] ?? NaN, 1);
      found.push({ x: c.x, y: c.y, shape: tag.attrs["data-shape"] ?? "", series, value: num(tag, "data-value"), clamped: tag.attrs["data-clamped"] });
    });
  }
  // Nothing drawn outside a series group counts as a marker.
  const all = tags(drawing).filter((t) => (t.attrs.class ?? "").split(" ").includes("chart__marker"));
  expect(all).toHaveLength(found.length);
  return found;
}

/** The plot area's edges, from the axes as drawn. */
function plotBox(markup: string) {
  const all = tags(plot(markup));
  const yAxis = all.find((t) => t.attrs.class === "chart__axis chart__axis--y");
  const xAxis = all.find((t) => t.attrs.class === "chart__axis chart__axis--x");
  if (!yAxis || !xAxis) throw new Error("axes missing");
  return { top: num(yAxis, "y1"), bottom: num(yAxis, "y2"), left: num(xAxis, "x1"), right: num(xAxis, "x2") };
}

function tableRows(markup: string): string[][] {
  const body = markup.slice(markup.indexOf("<tbody>"), markup.indexOf("</tbody>"));
  return [...body.matchAll(/<tr>(.*?)<\/tr>/g)].map((row) => [...(row[1] ?? "").matchAll(/<td>(.*?)<\/td>/g)].map((c) => c[1] ?? ""));
}

const day = (n: number, hour = 10) => new Date(Date.UTC(2025, 2, 3 + n, hour)).toISOString();

function render(props: Partial<LineChartProps> = {}) {
  return renderToStaticMarkup(
    <LineChart
      title="How safe they feel (0–10)"
      yMin={0}
      yMax={10}
      series={[
        {
          label: "Safe",
          points: [
            { at: day(0), value: 4 },
            { at: day(1), value: 6 },
            { at: day(3), value: 7 },
          ],
        },
      ]}
      {...props}
    />,
  );
}

const twoSeries: LineChartProps["series"] = [
  {
    label: "At home",
    points: [
      { at: day(0), value: 3 },
      { at: day(7), value: 5 },
      { at: day(14), value: 8 },
    ],
  },
  {
    label: "Out and about",
    points: [
      { at: day(2), value: 2 },
      { at: day(9), value: 4 },
    ],
  },
];

describe("LineChart", () => {
  it("draws one marker per point and one line per series", () => {
    const markup = render({ series: twoSeries });
    expect(markers(markup)).toHaveLength(5);
    expect(plot(markup).match(/<polyline /g)).toHaveLength(2);
  });

  it("places points by date, in proportion to the time between them", () => {
    // Given out of order: the chart sorts by date.
    const markup = render({
      series: [
        {
          label: "Safe",
          points: [
            { at: day(3), value: 7 },
            { at: day(0), value: 4 },
            { at: day(1), value: 6 },
          ],
        },
      ],
    });
    const [a, b, c] = markers(markup);
    if (!a || !b || !c) throw new Error("three markers expected");
    expect(a.value).toBe(4);
    expect(c.value).toBe(7);
    expect(b.x).toBeGreaterThan(a.x);
    expect(c.x).toBeGreaterThan(b.x);
    expect((c.x - b.x) / (b.x - a.x)).toBeCloseTo(2, 2);
    const box = plotBox(markup);
    expect(a.x).toBeGreaterThan(box.left);
    expect(c.x).toBeLessThan(box.right);
  });

  it("puts higher values higher up, with yMin on the bottom edge and yMax on the top edge", () => {
    const markup = render({
      series: [
        {
          label: "Safe",
          points: [
            { at: day(0), value: 0 },
            { at: day(1), value: 5 },
            { at: day(2), value: 10 },
            { at: day(3), value: 2.5 },
          ],
        },
      ],
    });
    const [low, middle, high, quarter] = markers(markup);
    if (!low || !middle || !high || !quarter) throw new Error("four markers expected");
    const box = plotBox(markup);
    expect(low.y).toBeCloseTo(box.bottom, 1);
    expect(high.y).toBeCloseTo(box.top, 1);
    expect(middle.y).toBeLessThan(low.y);
    expect(high.y).toBeLessThan(middle.y);
    expect(middle.y).toBeCloseTo((box.top + box.bottom) / 2, 1);
    expect(quarter.y).toBeCloseTo(box.bottom - (box.bottom - box.top) / 4, 1);
  });

  it("works with a scale that does not start at zero", () => {
    const markup = render({
      yMin: 14,
      yMax: 70,
      series: [
        {
          label: "Wellbeing",
          points: [
            { at: day(0), value: 14 },
            { at: day(1), value: 70 },
          ],
        },
      ],
    });
    const [low, high] = markers(markup);
    const box = plotBox(markup);
    expect(low?.y).toBeCloseTo(box.bottom, 1);
    expect(high?.y).toBeCloseTo(box.top, 1);
  });

  it("clamps values outside the scale to its edge, marks them, and shows the real value in the table", () => {
    const markup = render({
      series: [
        {
          label: "Safe",
          points: [
            { at: day(0), value: 12 },
            { at: day(1), value: -3 },
            { at: day(2), value: 5 },
          ],
        },
      ],
    });
    const [above, below, inside] = markers(markup);
    const box = plotBox(markup);
    expect(above?.y).toBeCloseTo(box.top, 1);
    expect(above?.clamped).toBe("above");
    expect(below?.y).toBeCloseTo(box.bottom, 1);
    expect(below?.clamped).toBe("below");
    expect(inside?.clamped).toBeUndefined();
    expect(plot(markup).match(/class="chart__clamp"/g)).toHaveLength(2);
    expect(tableRows(markup).map((r) => r[2])).toEqual(["12 (above the scale)", "-3 (below the scale)", "5"]);
  });

  it("centres a single point without dividing by zero", () => {
    const markup = render({ series: [{ label: "Safe", points: [{ at: day(0), value: 6 }] }] });
    expect(markup).not.toMatch(/NaN|Infinity/);
    const [only] = markers(markup);
    const box = plotBox(markup);
    expect(only?.x).toBeCloseTo((box.left + box.right) / 2, 1);
    expect(Number.isFinite(only?.y)).toBe(true);
  });

  it("centres points that share one instant, and spreads points on one day by their time", () => {
    const same = render({
      series: twoSeries.map((s, i) => ({
        label: s.label,
        points: [
          { at: day(0), value: 3 + i },
          { at: day(0), value: 5 },
        ],
      })),
    });
    expect(same).not.toMatch(/NaN|Infinity/);
    const box = plotBox(same);
    for (const m of markers(same)) expect(m.x).toBeCloseTo((box.left + box.right) / 2, 1);

    const oneDay = render({
      series: [
        {
          label: "Safe",
          points: [
            { at: day(0, 9), value: 3 },
            { at: day(0, 17), value: 5 },
          ],
        },
      ],
    });
    expect(oneDay).not.toMatch(/NaN|Infinity/);
    const [morning, evening] = markers(oneDay);
    expect(evening?.x).toBeGreaterThan(morning?.x ?? Infinity);
    // The table tells two answers on one day apart by their time.
    expect(tableRows(oneDay).map((r) => r[0])).toEqual(["3 Mar 2025, 09:00", "3 Mar 2025, 17:00"]);
  });

  it("draws grid lines and labels at the ticks, using words for values where given", () => {
    const markup = render({
      title: "Risk level",
      yMin: 1,
      yMax: 3,
      yTickLabels: { 1: "Standard", 2: "Medium", 3: "High" },
      series: [
        {
          label: "Risk",
          points: [
            { at: day(0), value: 3 },
            { at: day(30), value: 2 },
          ],
        },
      ],
    });
    const drawing = plot(markup);
    for (const word of ["Standard", "Medium", "High"]) expect(drawing).toContain(`>${word}</text>`);
    const grid = tags(drawing).filter((t) => t.name === "line" && t.attrs["data-tick"] !== undefined);
    expect(grid.map((t) => t.attrs["data-tick"])).toEqual(["1", "2", "3"]);
    const box = plotBox(markup);
    expect(num(grid[0] ?? { name: "", attrs: {} }, "y1")).toBeCloseTo(box.bottom, 1);
    expect(num(grid[2] ?? { name: "", attrs: {} }, "y1")).toBeCloseTo(box.top, 1);
    expect(tableRows(markup).map((r) => r[2])).toEqual(["High", "Medium"]);
  });

  it("chooses round ticks by default and honours the ticks it is given", () => {
    const ticksOf = (markup: string) => tags(plot(markup)).flatMap((t) => (t.attrs["data-tick"] === undefined ? [] : [Number(t.attrs["data-tick"])]));
    expect(ticksOf(render())).toEqual([0, 2, 4, 6, 8, 10]);
    expect(ticksOf(render({ yMin: 0, yMax: 40 }))).toEqual([0, 10, 20, 30, 40]);
    expect(ticksOf(render({ yMin: 0, yMax: 1 }))).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    expect(ticksOf(render({ yTicks: [10, 0, 5, 5, 20] }))).toEqual([0, 5, 10]);
  });

  it("labels the time axis with dates in London, adding the year when the range crosses one", () => {
    // 23:30 UTC on 30 June is already 1 July in London (British Summer Time).
    const summer = render({
      series: [
        {
          label: "Safe",
          points: [
            { at: "2025-06-30T23:30:00Z", value: 4 },
            { at: "2025-07-20T12:00:00Z", value: 6 },
          ],
        },
      ],
    });
    expect(plot(summer)).toContain(">1 Jul</text>");
    expect(plot(summer)).toContain(">20 Jul</text>");
    const acrossYears = render({
      series: [
        {
          label: "Safe",
          points: [
            { at: "2024-12-20T12:00:00Z", value: 4 },
            { at: "2025-01-10T12:00:00Z", value: 6 },
          ],
        },
      ],
    });
    expect(plot(acrossYears)).toContain(">20 Dec 2024</text>");
    expect(plot(acrossYears)).toContain(">10 Jan 2025</text>");
  });

  it("keeps the date labels from overlapping when there are many answers", () => {
    const points = Array.from({ length: 60 }, (_, i) => ({ at: day(i), value: i % 11 }));
    const markup = render({ series: [{ label: "Safe", points }] });
    const group = /<g class="chart__x-labels"[^>]*>(.*?)<\/g>/.exec(plot(markup))?.[1] ?? "";
    const labels = [...group.matchAll(/<text x="([\d.]+)"[^>]*>([^<]*)<\/text>/g)].map((m) => ({ x: Number(m[1]), text: m[2] }));
    expect(labels.length).toBeGreaterThanOrEqual(3);
    expect(labels.length).toBeLessThanOrEqual(8);
    expect(labels[0]?.text).toBe("3 Mar");
    expect(labels[labels.length - 1]?.text).toBe("1 May");
    for (let i = 1; i < labels.length; i++) expect((labels[i]?.x ?? 0) - (labels[i - 1]?.x ?? 0)).toBeGreaterThan(60);
  });

  it("escapes text it is given", () => {
    const markup = render({
      title: '<script>alert("t")</script>',
      description: "<img src=x onerror=alert(1)>",
      series: [
        { label: "<script>alert(1)</script>", points: [{ at: day(0), value: 3 }] },
        { label: "B", points: [{ at: day(1), value: 4 }] },
      ],
      yTickLabels: { 3: "<b>3</b>" },
    });
    expect(markup).not.toContain("<script");
    expect(markup).not.toContain("<img");
    expect(markup).not.toContain("<b>");
    expect(markup).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(markup).toContain("&lt;img src=x onerror=alert(1)&gt;");
  });

  it("says there are no answers yet instead of drawing an empty plot", () => {
    for (const series of [[], [{ label: "Safe", points: [] }], [{ label: "Safe", points: [{ at: "not a date", value: 3 }] }]]) {
      const markup = render({ series });
      expect(markup).toContain('<figure class="chart">');
      expect(markup).toContain("How safe they feel (0–10)");
      expect(markup).toContain("<p>No answers yet.</p>");
      expect(markup).not.toContain("<svg");
      expect(markup).not.toContain("<table");
    }
  });

  it("never uses a style attribute, which the Content-Security-Policy would block", () => {
    const markup = render({
      series: [...twoSeries, { label: "Three", points: [{ at: day(3), value: 11 }] }, { label: "Four", points: [{ at: day(4), value: -1 }] }],
    });
    expect(markup).not.toMatch(/\sstyle=/i);
    expect(markup).not.toMatch(/<style/i);
  });

  it("tells series apart by marker shape and dash pattern, not colour alone", () => {
    const four = [...twoSeries, { label: "Three", points: [{ at: day(3), value: 6 }] }, { label: "Four", points: [{ at: day(4), value: 7 }] }];
    const markup = render({ series: four });
    const found = markers(markup);
    const shapeOf = (s: number) => [...new Set(found.filter((m) => m.series === s).map((m) => m.shape))];
    const shapes = [0, 1, 2, 3].map(shapeOf);
    for (const s of shapes) expect(s).toHaveLength(1);
    expect(new Set(shapes.flat()).size).toBe(4);
    // The shapes really differ as drawn, not just in a data attribute.
    const drawn = tags(plot(markup))
      .filter((t) => t.attrs.class === "chart__marker")
      .map((t) => `${t.name}:${t.attrs.points?.split(" ").length ?? 0}`);
    expect(new Set(drawn)).toEqual(new Set(["circle:0", "rect:0", "polygon:3", "polygon:4"]));

    const lines = tags(plot(markup)).filter((t) => t.name === "polyline");
    expect(new Set(lines.map((l) => l.attrs["stroke-dasharray"])).size).toBe(4);
    expect(new Set(lines.map((l) => l.attrs.stroke)).size).toBe(4);
  });

  it("shows a legend, with each series' marker and dashes, only when there is more than one series", () => {
    const two = render({ series: twoSeries });
    const legend = two.slice(two.indexOf('<ul class="plain chart__legend">'), two.indexOf("</ul>"));
    expect(legend).toContain("At home");
    expect(legend).toContain("Out and about");
    const items = [...legend.matchAll(/<li data-shape="(\w+)">(.*?)<\/li>/g)];
    expect(items.map((i) => i[1])).toEqual(["circle", "square"]);
    expect(items[0]?.[2]).toContain('stroke-dasharray="none"');
    expect(items[1]?.[2]).toContain('stroke-dasharray="10 6"');
    expect(items[1]?.[2]).toContain("<rect");
    expect(legend).toContain('aria-hidden="true"');
    expect(render()).not.toContain("chart__legend");
  });

  it("lists every point in a table under 'Show the numbers'", () => {
    const markup = render({ series: twoSeries });
    expect(markup).toMatch(
      /<details class="chart__numbers"><summary>Show the numbers<span class="visually-hidden"> for How safe they feel \(0–10\)<\/span><\/summary><table>/,
    );
    expect(tableRows(markup)).toEqual([
      ["3 Mar 2025", "At home", "3"],
      ["5 Mar 2025", "Out and about", "2"],
      ["10 Mar 2025", "At home", "5"],
      ["12 Mar 2025", "Out and about", "4"],
      ["17 Mar 2025", "At home", "8"],
    ]);
  });

  it("scales to its container and names the picture for screen readers", () => {
    const markup = render({ description: "Feeling safer over March." });
    const svg = tags(plot(markup))[0];
    expect(svg?.attrs.viewBox).toBe("0 0 640 240");
    expect(svg?.attrs.width).toBe("100%");
    expect(svg?.attrs.height).toBeUndefined();
    expect(svg?.attrs.role).toBe("img");
    const [titleId, descId] = (svg?.attrs["aria-labelledby"] ?? "").split(" ");
    expect(markup).toContain(`<title id="${titleId}">How safe they feel (0–10)</title>`);
    expect(markup).toContain(`<desc id="${descId}">Feeling safer over March.</desc>`);
    expect(render({ width: 400, height: 300 })).toContain('viewBox="0 0 400 300"');
  });

  it("writes a description when none is given", () => {
    const markup = render({ series: twoSeries });
    expect(markup).toMatch(
      /At home: 3 answers from 3 Mar 2025 to 17 Mar 2025, the latest 8\. Out and about: 2 answers from 5 Mar 2025 to 12 Mar 2025, the latest 4\.<\/desc>/,
    );
  });

  it("gives each chart on a page its own ids", () => {
    const markup = renderToStaticMarkup(
      <>
        <LineChart title="One" yMin={0} yMax={10} series={twoSeries} />
        <LineChart title="Two" yMin={0} yMax={10} series={twoSeries} />
      </>,
    );
    const ids = [...markup.matchAll(/ id="([^"]+)"/g)].map((m) => m[1]);
    expect(ids).toHaveLength(4);
    expect(new Set(ids).size).toBe(4);
    for (const m of markup.matchAll(/aria-labelledby="([^"]+)"/g)) {
      for (const ref of (m[1] ?? "").split(" ")) expect(ids).toContain(ref);
    }
  });

  it("draws the same markup from the same props", () => {
    expect(render({ series: twoSeries })).toBe(render({ series: twoSeries }));
  });
});
