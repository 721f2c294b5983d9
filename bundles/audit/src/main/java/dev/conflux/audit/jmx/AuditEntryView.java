package dev.conflux.audit.jmx;

import dev.conflux.audit.api.AuditEntry;
import java.beans.ConstructorProperties;

/** One audit entry as JMX shows it (an open-type composite). */
public class AuditEntryView {
    private final long seq;
    private final String at;
    private final String user;
    private final String from;
    private final String action;
    private final String target;
    private final String[] items;
    private final String result;
    private final String detail;

    @ConstructorProperties({"seq", "at", "user", "from", "action", "target", "items", "result", "detail"})
    public AuditEntryView(long seq, String at, String user, String from, String action, String target, String[] items,
            String result, String detail) {
        this.seq = seq;
        this.at = at;
        this.user = user;
        this.from = from;
        this.action = action;
        this.target = target;
        this.items = items;
        this.result = result;
        this.detail = detail;
    }

    static AuditEntryView of(AuditEntry e) {
        return new AuditEntryView(e.seq(), e.at().toString(), e.user(), e.from(), e.action(), e.target(),
                e.items().toArray(String[]::new), e.result(), e.detail() == null ? "" : e.detail());
    }

    public long getSeq() { return seq; }
    public String getAt() { return at; }
    public String getUser() { return user; }
    public String getFrom() { return from; }
    public String getAction() { return action; }
    public String getTarget() { return target; }
    public String[] getItems() { return items; }
    public String getResult() { return result; }
    public String getDetail() { return detail; }
}
