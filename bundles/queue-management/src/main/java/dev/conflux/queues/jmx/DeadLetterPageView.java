package dev.conflux.queues.jmx;

import dev.conflux.queues.api.DeadLetterPage;
import java.beans.ConstructorProperties;

/** A page of a dead-letter queue: {@code letters} start at {@code offset} of {@code total}. */
public class DeadLetterPageView {
    private final String queue;
    private final long total;
    private final int offset;
    private final DeadLetterView[] letters;

    @ConstructorProperties({"queue", "total", "offset", "letters"})
    public DeadLetterPageView(String queue, long total, int offset, DeadLetterView[] letters) {
        this.queue = queue;
        this.total = total;
        this.offset = offset;
        this.letters = letters;
    }

    static DeadLetterPageView of(DeadLetterPage p) {
        return new DeadLetterPageView(p.queue(), p.total(), p.offset(),
                p.letters().stream().map(DeadLetterView::of).toArray(DeadLetterView[]::new));
    }

    public String getQueue() { return queue; }
    public long getTotal() { return total; }
    public int getOffset() { return offset; }
    public DeadLetterView[] getLetters() { return letters; }
}
