/**
 * Which tab's toast offers "Show" for which upload. A toast asks to show an upload only once, and
 * only the tab it was shown in may ask: a job id alone (which a page could learn or guess) opens
 * nothing. In memory, as the toast is: after the background restarts an old toast's Show is spent.
 */
const MAX_OFFERS = 200;
const offers = new Map<string, number>();

/** Records that `tabId`'s toast now offers Show for `jobId`. */
export function offerShow(tabId: number, jobId: string): void {
  offers.delete(jobId);
  offers.set(jobId, tabId);
  // Oldest first out: a long session must not grow this without end.
  while (offers.size > MAX_OFFERS) offers.delete(offers.keys().next().value!);
}

/** True once for an offer made to `tabId`, then never again. */
export function takeShow(tabId: number | undefined, jobId: string): boolean {
  if (tabId === undefined || offers.get(jobId) !== tabId) return false;
  offers.delete(jobId);
  return true;
}
