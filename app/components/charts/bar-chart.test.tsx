import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { BarChart } from "./bar-chart";

// The drawing is read back out of the markup: where the bars and interval lines are, and what is written.

const attrs = (tag: string) => Object.fromEntries([...tag.matchAll(/([\w:-]+)="([^"]*)"/g)].map((a) => [a[1] ?? "", a[2] ?? ""]));
const all = (markup: string, name: string) => [...markup.matchAll(new RegExp(`<${name}\\b[^>]*>`, "g"))].map((m) => attrs(m[0]));

// The plot runs from x = 300 (0%) to x = 660 (100%): 3.6 px a point.
const at = (percent: number) => 300 + 3.6 * percent;

describe("the bar chart", () => {
  it("draws a percentage's 95% interval as a line across its bar, and writes it", () => {
    const markup = renderToStaticMarkup(
      <BarChart
        title="Felt safer"
        description="One figure"
        bars={[{ label: "said they felt safer", percent: 67, note: "", interval: { low: 42, high: 85 } }]}
      />,
    );
    expect(markup).toContain("<title");
    expect(markup).toContain("67% (42–85%)");
    const bar = all(markup, "rect").find((r) => r.height === "16");
    expect(Number(bar?.width)).toBeCloseTo(at(67) - at(0), 5);
    const horizontal = all(markup, "line").find((l) => l.y1 === l.y2 && Number(l.x1) > at(0) && l.stroke !== "#d5dbe1");
    expect(Number(horizontal?.x1)).toBeCloseTo(at(42), 5);
    expect(Number(horizontal?.x2)).toBeCloseTo(at(85), 5);
  });

  it("draws intake and exit as paired bars, the second hatched, with a legend", () => {
    const markup = renderToStaticMarkup(
      <BarChart
        title="Abuse at intake and at exit"
        description="Two bars per type"
        legend={["At intake", "At exit"]}
        bars={[{ label: "physical abuse", percent: 70, note: "", second: { percent: 20, note: "" } }]}
      />,
    );
    expect(markup).toContain("At intake");
    expect(markup).toContain("At exit");
    const bars = all(markup, "rect").filter((r) => r.height === "14");
    expect(bars.map((b) => Math.round(Number(b.width)))).toEqual([Math.round(at(70) - at(0)), Math.round(at(20) - at(0))]);
    expect(bars[0]?.fill).toBe("#1f2a33");
    expect(bars[1]?.fill).toMatch(/^url\(#.*-hatch\)$/);
  });

  it("writes the table's word where a percentage is not shown", () => {
    const markup = renderToStaticMarkup(<BarChart title="t" description="d" bars={[{ label: "x", percent: null, note: "<5" }]} />);
    expect(markup).toContain("&lt;5");
    expect(all(markup, "rect").filter((r) => r.height === "16")).toHaveLength(0);
  });
});
