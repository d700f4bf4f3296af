import { describe, expect, it } from "vitest";
import { sameSourceKey, slugify } from "../../src/input/parse/identifiers.js";

describe("section ids", () => {
  it("are ASCII, with accents dropped", () => {
    expect(slugify("From cultural forum to security platform")).toBe("from-cultural-forum-to-security-platform");
    expect(slugify("Ağrı, Iğdır")).toBe("agri-igdir");
  });

  it("romanise Azerbaijani and Cyrillic letters instead of dropping them", () => {
    expect(slugify("Şuşa Bəyannaməsi ve İstanbul")).toBe("susa-beyannamesi-ve-istanbul");
    expect(slugify("Хронология")).toBe("khronologiya");
    expect(slugify("Организация тюркских государств")).toBe("organizatsiya-tyurkskikh-gosudarstv");
    expect(slugify("Қазақстан")).toBe("qazaqstan");
  });

  it("romanise every letter of the Russian, Kazakh and Ukrainian alphabets and the Latin letters without an ASCII form", () => {
    expect(slugify("абвгдеёжзийклмнопрст")).toBe("abvgdeezhziyklmnoprst");
    expect(slugify("уфхцчшщъыьэюя")).toBe("ufkhtschshshchyeyuya");
    expect(slugify("АБВГДЕЁЖЗИЙКЛМНОПРСТ уфхцчшщъыьэюя")).toBe("abvgdeezhziyklmnoprst-ufkhtschshshchyeyu");
    // Written decomposed (и + breve) as some editors save it, й is still y.
    expect(slugify("Бейбит".normalize("NFD"))).toBe("beybit");
    expect(slugify("әғқңөұүһіїєґ")).toBe("agqngouuhiyiyeg");
    expect(slugify("əıøæœßðþđł")).toBe("eioaeoessdthdl");
  });

  it("fall back to a neutral word when no letter has an ASCII form", () => {
    expect(slugify("النتائج الرئيسية")).toBe("section");
    expect(slugify("—")).toBe("section");
  });

  it("stop at 40 characters without a trailing hyphen", () => {
    expect(slugify("a".repeat(39) + " b")).toBe("a".repeat(39));
    expect(slugify("word ".repeat(20))).toHaveLength(39);
  });
});

describe("same source", () => {
  it("ignores the case of the scheme and host, http against https, and trailing slashes", () => {
    expect(sameSourceKey("HTTP://WWW.Example.org/")).toBe(sameSourceKey("https://www.example.org"));
  });

  it("keeps the case of the path, query and fragment", () => {
    expect(sameSourceKey("https://example.org/Report")).not.toBe(sameSourceKey("https://example.org/report"));
    expect(sameSourceKey("https://example.org/r?id=A")).not.toBe(sameSourceKey("https://example.org/r?id=a"));
  });
});
