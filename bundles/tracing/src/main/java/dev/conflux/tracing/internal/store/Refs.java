package dev.conflux.tracing.internal.store;

import dev.conflux.tracing.api.Hop;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;

/**
 * A block's search index: the sorted, distinct 32-bit hashes of every trace id, business key and JMS message id its
 * hops carry, stored beside the block ({@code conflux_trace_block.refs}, 4 bytes each). A search reads these small
 * arrays instead of the hops and decodes only the blocks whose array holds the hash it looks for. A hash may match a
 * block that does not hold the value (about one block in a million per value); the search checks the decoded hops, so
 * such a block costs time, never a wrong answer.
 */
final class Refs {

    private Refs() {
    }

    /** The index of the hops, as stored. */
    static byte[] of(List<Hop> hops) {
        int[] all = new int[hops.size() * 3];
        int n = 0;
        for (Hop h : hops) {
            all[n++] = hash(h.traceId());
            if (h.businessKey() != null) {
                all[n++] = hash(h.businessKey());
            }
            if (h.messageId() != null) {
                all[n++] = hash(h.messageId());
            }
        }
        Arrays.sort(all, 0, n);
        ByteBuffer out = ByteBuffer.allocate(n * Integer.BYTES);
        int last = 0;
        for (int i = 0; i < n; i++) {
            if (i == 0 || all[i] != last) {
                out.putInt(all[i]);
                last = all[i];
            }
        }
        return Arrays.copyOf(out.array(), out.position());
    }

    /** The hashes of the values looked for, sorted. */
    static int[] wanted(Collection<String> values) {
        return values.stream().mapToInt(Refs::hash).sorted().distinct().toArray();
    }

    /** Whether a stored index may hold any of the wanted hashes. */
    static boolean mayHold(byte[] refs, int[] wanted) {
        ByteBuffer b = ByteBuffer.wrap(refs);
        int n = refs.length / Integer.BYTES;
        for (int w : wanted) {
            int lo = 0;
            int hi = n - 1;
            while (lo <= hi) {
                int mid = (lo + hi) >>> 1;
                int v = b.getInt(mid * Integer.BYTES);
                if (v < w) {
                    lo = mid + 1;
                } else if (v > w) {
                    hi = mid - 1;
                } else {
                    return true;
                }
            }
        }
        return false;
    }

    /** The value's hash: String's own, which the JDK keeps stable across versions (its formula is specified). */
    static int hash(String value) {
        return value.hashCode();
    }
}
