package dev.recsys.modelbuilder.eval;

/** Selects the k best-scored items, skipping excluded ones, with a small binary heap. */
public final class TopK {

    private TopK() {
    }

    /**
     * Indices of the {@code k} highest scores, best first (ties: lower index first), skipping the
     * ascending item indices {@code excluded[from..to)}. Returns fewer when fewer items remain.
     */
    public static int[] select(float[] scores, int k, int[] excluded, int from, int to) {
        int[] heap = new int[k];
        int size = 0;
        int next = from;
        for (int i = 0; i < scores.length; i++) {
            while (next < to && excluded[next] < i) {
                next++;
            }
            if (next < to && excluded[next] == i) {
                continue;
            }
            if (size < k) {
                heap[size] = i;
                siftUp(heap, size++, scores);
            } else if (better(i, heap[0], scores)) {
                heap[0] = i;
                siftDown(heap, size, scores);
            }
        }
        int[] out = new int[size];
        for (int r = size - 1; r >= 0; r--) {
            out[r] = heap[0];
            heap[0] = heap[r];
            siftDown(heap, r, scores);
        }
        return out;
    }

    /** True when item a ranks before item b. */
    private static boolean better(int a, int b, float[] s) {
        return s[a] > s[b] || (s[a] == s[b] && a < b);
    }

    // min-heap on rank: the root is the worst of the kept items
    private static void siftUp(int[] heap, int pos, float[] s) {
        while (pos > 0) {
            int parent = (pos - 1) >> 1;
            if (!better(heap[parent], heap[pos], s)) {
                break;
            }
            swap(heap, parent, pos);
            pos = parent;
        }
    }

    private static void siftDown(int[] heap, int size, float[] s) {
        int pos = 0;
        while (true) {
            int l = 2 * pos + 1;
            if (l >= size) {
                return;
            }
            int worst = l + 1 < size && better(heap[l], heap[l + 1], s) ? l + 1 : l;
            if (!better(heap[pos], heap[worst], s)) {
                return;
            }
            swap(heap, pos, worst);
            pos = worst;
        }
    }

    private static void swap(int[] a, int i, int j) {
        int t = a[i];
        a[i] = a[j];
        a[j] = t;
    }
}
