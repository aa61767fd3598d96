'use client';

/**
 * What the lightbox buttons of one page know: which images are in the visitor's active lightbox.
 * The page is rendered the same for every visitor (it may come from the shared page cache), so the
 * buttons start neutral and this store asks /lightbox/state once for all of them after load, then
 * keeps the answer as buttons are pressed. One request per page, however many cards it shows.
 */

export type TLightboxSnapshot = {
  loaded: boolean;
  canUse: boolean;
  saved: ReadonlySet<number>;
  busy: ReadonlySet<number>;
  activeName: string | null;
  imageCount: number;
  href: string;
  /** The last change or failure, for the page's one live region. */
  announcement: { text: string; failed: boolean } | null;
};

let snapshot: TLightboxSnapshot = {
  loaded: false,
  canUse: true,
  saved: new Set(),
  busy: new Set(),
  activeName: null,
  imageCount: 0,
  href: '/lightbox',
  announcement: null,
};

const listeners = new Set<() => void>();
const waiting = new Set<number>();
let scheduled = false;

function update(change: Partial<TLightboxSnapshot>) {
  snapshot = { ...snapshot, ...change };
  for (const listener of listeners) listener();
}

export const lightboxStore = {
  subscribe(listener: () => void) {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
  getSnapshot: () => snapshot,

  /** A button on the page: its image is asked about with the others mounted in the same moment. */
  watch(imageId: number) {
    waiting.add(imageId);
    if (scheduled) return;
    scheduled = true;
    setTimeout(() => void load(), 0);
  },

  /** Shows the change at once; `settle` then records what the server answered, or undoes it. */
  begin(imageId: number, saved: boolean) {
    const next = new Set(snapshot.saved);
    if (saved) next.add(imageId);
    else next.delete(imageId);
    update({ saved: next, busy: new Set(snapshot.busy).add(imageId) });
  },

  settle(imageId: number, outcome: { ok: true; saved: boolean; activeName: string; imageCount: number; href: string; title: string } | { ok: false; saved: boolean; message: string }) {
    const saved = new Set(snapshot.saved);
    if (outcome.saved) saved.add(imageId);
    else saved.delete(imageId);
    const busy = new Set(snapshot.busy);
    busy.delete(imageId);
    if (!outcome.ok) {
      update({ saved, busy, announcement: { text: outcome.message, failed: true } });
      return;
    }
    update({
      saved,
      busy,
      activeName: outcome.activeName,
      imageCount: outcome.imageCount,
      href: outcome.href,
      announcement: { text: `${outcome.saved ? 'Added' : 'Removed'} “${outcome.title}” ${outcome.saved ? 'to' : 'from'} ${outcome.activeName} (${outcome.imageCount === 1 ? '1 image' : `${outcome.imageCount} images`}).`, failed: false },
    });
  },
};

type TStateAnswer = { canUse: boolean; activeName: string | null; imageCount: number; savedImageIds: number[]; href: string };

async function load() {
  scheduled = false;
  const ids = [...waiting];
  waiting.clear();
  try {
    const response = await fetch(`/lightbox/state?ids=${ids.slice(0, 100).join(',')}`, { cache: 'no-store', credentials: 'same-origin' });
    if (!response.ok) return;
    const answer = (await response.json()) as TStateAnswer;
    const saved = new Set(snapshot.saved);
    // Images pressed meanwhile keep what the press made of them.
    for (const id of ids) if (!snapshot.busy.has(id)) saved.delete(id);
    for (const id of answer.savedImageIds) if (!snapshot.busy.has(id)) saved.add(id);
    update({ loaded: true, canUse: answer.canUse, saved, activeName: answer.activeName, imageCount: answer.imageCount, href: answer.href });
  } catch {
    // Offline or the server is away: the buttons stay as rendered and still work when pressed.
  }
}
