/** How an image appears on a page. */
export type PageImageKind = 'img' | 'picture' | 'srcset' | 'background' | 'link';

/** An image found on a page: the URL actually displayed, and its rendered and natural size. */
export interface PageImage {
  src: string;
  kind: PageImageKind;
  naturalWidth: number;
  naturalHeight: number;
  alt: string;
  frameId: number;
}
