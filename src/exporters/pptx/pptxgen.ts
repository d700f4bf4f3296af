import pptxgenModule from "pptxgenjs";
import type * as PptxTypes from "pptxgenjs";

/**
 * The pptxgenjs class. Its typings describe a CommonJS module while Node
 * loads its ES build, so under NodeNext the default import's type is the
 * module object: take its `default` when the runtime value has one.
 */
type PptxClass = typeof PptxTypes.default.default;
const loaded = pptxgenModule as unknown as PptxClass & { default?: PptxClass };
export const PptxGenJS: PptxClass = loaded.default ?? loaded;

export type Presentation = InstanceType<PptxClass>;
export type Slide = PptxTypes.default.Slide;
export type TextProps = PptxTypes.default.TextProps;
export type TableRow = PptxTypes.default.TableRow;
export type SlideMasterProps = PptxTypes.default.SlideMasterProps;
