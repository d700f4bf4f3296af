import { describe, expect, it } from "vitest";
import { resolveImagePath } from "../../src/input/parse/images.js";

const refused = (href: string, baseDir = "", what?: string) => {
  const result = resolveImagePath(href, baseDir, what);
  if (result.ok) throw new Error(`${href} was taken as ${result.contentPath}`);
  return result.message;
};
const taken = (href: string, baseDir = "") => {
  const result = resolveImagePath(href, baseDir);
  if (!result.ok) throw new Error(`${href} was refused: ${result.message}`);
  return result.contentPath;
};

describe("image paths", () => {
  it("resolve relative to the briefing's folder, normalised, inside content/", () => {
    expect(taken("media/map.png")).toBe("media/map.png");
    expect(taken("  media/map.png  ")).toBe("media/map.png");
    expect(taken("./media/../media/map.png", "2026")).toBe("2026/media/map.png");
    expect(taken("../media/map.png", "2026")).toBe("media/map.png");
    expect(taken("media\\map.png")).toBe("media/map.png");
    expect(taken("media/a%20b.png")).toBe("media/a b.png");
    expect(taken("media/C:map.png")).toBe("media/C:map.png");
  });

  it("refuse an empty path", () => {
    expect(refused("  ")).toBe("image has no path: write ![alt text](images/file.png)");
  });

  it.each(["https://x.org/a.png", "HTTP://x.org/a.png", "data:image/png;base64,AA", "file:///etc/passwd", "javascript:alert(1)", "git+ssh:x", "//x.org/a.png"])(
    "refuse %s as not local",
    (href) => {
      expect(refused(href)).toBe(`image "${href}" is not a local file: decks must work offline, so save the image inside content/ and use its relative path`);
    },
  );

  it.each(["/etc/passwd.png", "C:/x.png", "c:\\x.png", "%2Fetc%2Fpasswd.png", "\\\\server\\share.png"])("refuse %s as absolute", (href) => {
    expect(refused(href)).toBe(`image "${href}" is an absolute path: use a path relative to the briefing, inside content/`);
  });

  it.each([["../x.png", ""], ["..", ""], [".", ""], ["a/../..", ""], ["../../x.png", "2026"], ["%2e%2e/x.png", ""], ["..\\x.png", ""], ["..", "x"]])(
    "refuse %s (from %j) as outside content/",
    (href, base) => {
      expect(refused(href, base)).toBe(`image "${href}" is outside content/: copy it into the content folder and use a relative path`);
    },
  );

  it("refuse control characters, shown escaped", () => {
    expect(refused("media/a\u0000.png")).toBe('image "media/a\\u0000.png" has a control character in its path: rename the file with plain letters, digits, - and _');
    expect(refused("media/a%0a.png")).toBe('image "media/a%0a.png" has a control character in its path: rename the file with plain letters, digits, - and _');
    expect(refused("media/a\u007f\u001b.png")).toMatch(/"media\/a\\u007f\\u001b\.png" has a control character/);
    expect(taken("media/a\u0080.png")).toBe("media/a\u0080.png");
    expect(taken("media/a .png")).toBe("media/a .png");
  });

  it("refuse a % left after decoding, and a % that is not an escape", () => {
    expect(refused("media/%252e%252e/x.png")).toBe('image "media/%252e%252e/x.png" has a % in its path once decoded: rename the file without %, and write the path as it is');
    expect(refused("media/100%.png")).toBe('image "media/100%.png" has a % in its path once decoded: rename the file without %, and write the path as it is');
  });

  it("name what was referenced when it is not an image", () => {
    expect(refused("", "", "data")).toBe("data has no path: write data=file.csv");
    expect(refused("https://x.org/a.csv", "", "data")).toBe('data "https://x.org/a.csv" is not a local file: decks must work offline, so save the data inside content/ and use its relative path');
    expect(refused("../a.csv", "", "chart data")).toBe('chart data "../a.csv" is outside content/: copy it into the content folder and use a relative path');
    expect(resolveImagePath("a.csv", "", "data")).toEqual({ ok: true, contentPath: "a.csv" });
  });
});
