/**
 * The targets grid form's field names: one input per cell, and the figure the editor saw beside it.
 * Shared by the client grid (components/targets/target-grid.tsx) and the schema that reads the form
 * (lib/schemas/targets.ts); apart from that schema so the grid does not bring zod to the browser.
 */
export const cellField = (region: string, metric: string, month: string) => `target|${region}|${metric}|${month}`;
export const seenField = (region: string, metric: string, month: string) => `seen|${region}|${metric}|${month}`;
