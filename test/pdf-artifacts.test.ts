import { describe, expect, it } from "vitest";
import { wrapUnmarked } from "../src/exporters/pdf/mark-artifacts.js";
import { xmpPacket } from "../src/exporters/pdf/xmp.js";
import { countMarkedContent } from "./support/pdf-structure.js";

describe("wrapping unmarked content as artifacts", () => {
  it("wraps every unmarked drawing run and leaves tagged content alone", () => {
    const stream = [
      "q 1 1 1 rg 0 0 1280 720 re f Q",
      "/P <</MCID 0 >>BDC BT /F1 12 Tf (Hello) Tj ET EMC",
      "0 0 1 rg 10 10 100 2 re f",
      "BT /F1 8 Tf (3 / 17) Tj ET",
    ].join("\n");
    const before = countMarkedContent(stream);
    expect(before).toEqual({ drawing: 4, marked: 1, artifact: 0 });
    const after = countMarkedContent(wrapUnmarked(stream));
    expect(after).toEqual({ drawing: 4, marked: 4, artifact: 3 });
  });

  it("is not fooled by operator names inside strings, names or inline images", () => {
    const stream = "BT (BDC \\) EMC BT) Tj ET\n/EMC gs\nBI /W 1 /H 1 /BPC 8 /CS /G ID \u0000EMC\u00ff EI\n";
    const wrapped = wrapUnmarked(stream);
    expect(countMarkedContent(wrapped)).toEqual({ drawing: 2, marked: 2, artifact: 2 });
    // The string and the image data come through byte for byte.
    expect(wrapped).toContain("(BDC \\) EMC BT)");
    expect(wrapped).toContain("ID \u0000EMC\u00ff EI");
  });

  it("closes an artifact before tagged content begins, so tags never nest inside artifacts", () => {
    const wrapped = wrapUnmarked("0 0 10 10 re f\n/Span <</MCID 1 >>BDC BT (x) Tj ET EMC\n");
    expect(wrapped.indexOf("EMC")).toBeLessThan(wrapped.indexOf("/Span"));
    expect(countMarkedContent(wrapped)).toEqual({ drawing: 2, marked: 2, artifact: 1 });
  });

  it("returns a stream with nothing unmarked unchanged", () => {
    const stream = "/P <</MCID 0 >>BDC BT (a) Tj ET EMC";
    expect(wrapUnmarked(stream)).toBe(stream);
  });
});

it("escapes what it writes into the XMP packet", () => {
  const xmp = xmpPacket({ title: "R&D <2026>", keywords: ["a\"b"], lang: "en", date: new Date("2026-01-12T00:00:00Z") });
  expect(xmp).toContain("R&amp;D &lt;2026&gt;");
  expect(xmp).toContain("a&quot;b");
  expect(xmp).toContain("<xmp:CreateDate>2026-01-12T00:00:00Z</xmp:CreateDate>");
});
