import { describe, expect, it } from "vitest";
import { heightOf, packBalanced, scaleToFit } from "../../src/fit/pack.js";
import type { PackOptions, PackUnit } from "../../src/fit/pack.js";

/** Units of these heights, each advancing by its height (laid one under the other). */
const units = (heights: number[], reflows = true): PackUnit[] => heights.map((height, index) => ({ key: `u${index}`, height, advance: height, reflows }));
const options = (room: number, overrides: Partial<PackOptions<PackUnit>> = {}): PackOptions<PackUnit> => ({
  roomFor: () => room,
  preferredShrink: 1,
  floor: 0.5,
  minimumFill: 0,
  ...overrides,
});
/** The parts as lists of heights. */
const sizes = (heights: number[], opts: PackOptions<PackUnit>, reflows = true) => {
  const packed = packBalanced(units(heights, reflows), opts);
  return packed && { parts: packed.parts.map((part) => part.map((unit) => unit.height)), zoom: packed.zoom };
};

describe("heights", () => {
  it("add each unit's advance and the last one's height", () => {
    expect(heightOf([])).toBe(0);
    expect(heightOf([{ key: "a", height: 10, advance: 0, reflows: false }, { key: "b", height: 30, advance: 40, reflows: false }])).toBe(30);
    expect(heightOf([{ key: "a", height: 10, advance: 15, reflows: false }, { key: "b", height: 30, advance: 40, reflows: false }])).toBe(45);
  });
});

describe("the scale that fits a height in a room", () => {
  it("is 1 when it fits, linear for tables and images, and by the square root for text that rewraps", () => {
    expect(scaleToFit(100, 100, true)).toBe(1);
    expect(scaleToFit(100, 50, false)).toBe(1);
    expect(scaleToFit(100, 200, false)).toBe(0.5);
    expect(scaleToFit(100, 400, true)).toBeCloseTo(0.5 * 0.98, 10);
  });
});

describe("packing a section's units into slides", () => {
  it("makes no part of nothing", () => {
    expect(packBalanced([], options(100))).toEqual({ parts: [], zoom: 1 });
  });

  it("keeps what fits on one slide, at full size", () => {
    expect(sizes([30, 30, 40], options(100))).toEqual({ parts: [[30, 30, 40]], zoom: 1 });
  });

  it("balances: 14 equal items make 7 + 7, not 12 + 2", () => {
    expect(sizes(Array(14).fill(10), options(120))).toEqual({ parts: [Array(7).fill(10), Array(7).fill(10)], zoom: 1 });
  });

  it("uses the fewest slides, keeping units in order", () => {
    const packed = packBalanced(units([50, 50, 50, 50, 50]), options(100));
    expect(packed?.parts.length).toBe(3);
    expect(packed?.parts.flat().map((unit) => unit.key)).toEqual(["u0", "u1", "u2", "u3", "u4"]);
  });

  it("makes the fullest part as empty as it can, then the parts as even as they can", () => {
    // 60 30 | 30 60 fills both 90 %; any other cut overflows one part.
    expect(sizes([60, 30, 30, 60], options(100))?.parts).toEqual([[60, 30], [30, 60]]);
    // 70 10 10 10 | 70 leaves one part full; 80 | 90 does not.
    expect(sizes([70, 10, 10, 10, 70], options(100))?.parts).toEqual([[70, 10], [10, 10, 70]]);
    expect(sizes([70, 10, 10, 30, 70], options(100))?.parts).toEqual([[70, 10, 10], [30, 70]]);
    expect(sizes([70, 30, 10, 10, 70], options(100))?.parts).toEqual([[70, 30], [10, 10, 70]]);
  });

  it("breaks a tie between equally full plans toward the earlier cut, the fuller part last", () => {
    expect(sizes([50, 50, 50], options(100))?.parts).toEqual([[50], [50, 50]]);
    expect(sizes([40, 20, 40], options(70))?.parts).toEqual([[40], [20, 40]]);
    expect(sizes([10, 80, 10], options(95))?.parts).toEqual([[10], [80, 10]]);
  });

  it("shrinks rather than continue when the preferred scale allows it, at a scale floored to hundredths", () => {
    // 110 in a room of 100 is 0.909 linear; text rewraps: sqrt(0.909) * 0.98 = 0.934.
    expect(sizes([55, 55], options(100, { preferredShrink: 0.9 }), false)).toEqual({ parts: [[55, 55]], zoom: 0.9 });
    expect(sizes([55, 55], options(100, { preferredShrink: 0.9 }), true)).toEqual({ parts: [[55, 55]], zoom: 0.93 });
    expect(sizes([55, 55], options(100, { preferredShrink: 0.95 }), false)).toEqual({ parts: [[55], [55]], zoom: 1 });
  });

  it("shrinks reflowing text only when every unit of the part reflows", () => {
    const mixed = [{ key: "a", height: 55, advance: 55, reflows: true }, { key: "b", height: 55, advance: 55, reflows: false }];
    expect(packBalanced(mixed, options(100, { preferredShrink: 0.92 }))?.parts.length).toBe(2);
    expect(packBalanced(mixed.map((unit) => ({ ...unit, reflows: true })), options(100, { preferredShrink: 0.92 }))?.parts.length).toBe(1);
  });

  it("lets a unit too big alone shrink to the floor, and gives up below it", () => {
    expect(sizes([150], options(100, { floor: 0.6 }), false)).toEqual({ parts: [[150]], zoom: 0.66 });
    expect(sizes([150, 20], options(100, { floor: 0.6 }), false)).toEqual({ parts: [[150], [20]], zoom: 0.66 });
    expect(sizes([250], options(100, { floor: 0.5 }), false)).toBeUndefined();
    expect(sizes([200], options(100, { floor: 0.5 }), false)).toEqual({ parts: [[200]], zoom: 0.5 });
  });

  it("shrinks several units past the preferred scale, down to the floor, before giving up", () => {
    // Two units of 120 each cannot share a slide at 0.9; alone, each needs 0.83 anyway.
    expect(sizes([120, 120], options(100, { preferredShrink: 0.9, floor: 0.5 }), false)).toEqual({ parts: [[120], [120]], zoom: 0.83 });
  });

  it("leaves no continuation part short of the minimum fill, unless nothing else fits", () => {
    // 90 | 20 would leave a part filled 20 %; 45 | 65 fills both enough.
    expect(sizes([45, 45, 10], options(100, { minimumFill: 0.3 }))?.parts).toEqual([[45, 45, 10]]);
    expect(sizes([45, 45, 20], options(100, { minimumFill: 0.3 }))?.parts).toEqual([[45], [45, 20]]);
    expect(sizes([95, 5], options(100, { minimumFill: 0.3, floor: 1 }))?.parts).toEqual([[95, 5]]);
    expect(sizes([95, 10], options(100, { minimumFill: 0.3, floor: 1 }))?.parts).toEqual([[95], [10]]);
  });

  it("asks for the room of each part by its index, and honours it", () => {
    // The first part loses room to a heading; later ones have it all.
    const roomFor = (_part: PackUnit[], index: number) => (index === 0 ? 50 : 100);
    expect(sizes([40, 40, 40], options(100, { roomFor }))?.parts).toEqual([[40], [40, 40]]);
  });

  it("is deterministic", () => {
    const heights = [13, 57, 22, 80, 5, 41, 41, 9, 66, 30];
    const first = sizes(heights, options(100, { minimumFill: 0.2 }));
    for (let run = 0; run < 5; run++) expect(sizes(heights, options(100, { minimumFill: 0.2 }))).toEqual(first);
  });
});
