/**
 * SVG drawings are converted to PNG here in the popup, which has the DOM that drawing them needs
 * (the background refuses SVG). The rasterizer is loaded only when an SVG is actually uploaded,
 * so opening the popup does not pay for it.
 */
export async function convertSvg(svg: Blob): Promise<Blob> {
  const { rasterizeSvg } = await import('../../images/svg-raster');
  return rasterizeSvg(svg);
}
