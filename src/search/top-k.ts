/**
 * The best few of many scored documents without sorting them all: a question can touch a large
 * share of the index, and re-ranking wants a few dozen of them (a few hundred for named things).
 */

/** The `count` highest-scoring documents, best first (a bounded min-heap, not a full sort). */
export function topDocs(docs: number[], scores: Float64Array, count: number): Array<{ doc: number; base: number }> {
  const heap: number[] = [];
  const better = (a: number, b: number): boolean => {
    const sa = scores[a] as number;
    const sb = scores[b] as number;
    return sa > sb || (sa === sb && a < b);
  };
  for (const doc of docs) {
    if (heap.length < count) {
      heap.push(doc);
      siftUp(heap, heap.length - 1, better);
    } else if (better(doc, heap[0] as number)) {
      heap[0] = doc;
      siftDown(heap, 0, better);
    }
  }
  return heap
    .map((doc) => ({ doc, base: scores[doc] as number }))
    .sort((a, b) => b.base - a.base || a.doc - b.doc);
}

// Min-heap by `better`: the root is the worst of the kept documents.
function siftUp(heap: number[], index: number, better: (a: number, b: number) => boolean): void {
  let child = index;
  while (child > 0) {
    const parent = (child - 1) >> 1;
    if (!better(heap[parent] as number, heap[child] as number)) break;
    [heap[parent], heap[child]] = [heap[child] as number, heap[parent] as number];
    child = parent;
  }
}

function siftDown(heap: number[], index: number, better: (a: number, b: number) => boolean): void {
  let parent = index;
  for (;;) {
    const left = parent * 2 + 1;
    const right = left + 1;
    let worst = parent;
    if (left < heap.length && better(heap[worst] as number, heap[left] as number)) worst = left;
    if (right < heap.length && better(heap[worst] as number, heap[right] as number)) worst = right;
    if (worst === parent) return;
    [heap[parent], heap[worst]] = [heap[worst] as number, heap[parent] as number];
    parent = worst;
  }
}
