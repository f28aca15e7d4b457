// Region colours chosen to stay distinct for common colour-vision deficiencies (Okabe–Ito).
export const REGION_COLORS = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#F0E442', '#000000'];
export const regionColor = (index: number) => REGION_COLORS[index % REGION_COLORS.length]!;
