// A checkbox as the forms' zod schemas read it (the browser runs these schemas too).
import { z } from "zod";

/** Ticked or not: "on" from a plainly posted form (JS off), true/false from react-hook-form. */
export const checkboxInput = z.preprocess((value) => value === true || value === "on" || value === "true", z.boolean());
