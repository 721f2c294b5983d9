package dev.conflux.flowmanagement.jmx;

import dev.conflux.runtime.api.FlowRevision;
import java.beans.ConstructorProperties;

/** One history entry as JMX shows it. */
public class RevisionView {
    private final int revision;
    private final String sha256;
    private final String at;
    private final String actor;
    private final String action;
    private final String detail;

    @ConstructorProperties({"revision", "sha256", "at", "actor", "action", "detail"})
    public RevisionView(int revision, String sha256, String at, String actor, String action, String detail) {
        this.revision = revision;
        this.sha256 = sha256;
        this.at = at;
        this.actor = actor;
        this.action = action;
        this.detail = detail;
    }

    static RevisionView of(FlowRevision r) {
        return new RevisionView(r.revision(), r.sha256(), r.at().toString(), r.actor(), r.action(), r.detail());
    }

    public int getRevision() { return revision; }
    public String getSha256() { return sha256; }
    public String getAt() { return at; }
    public String getActor() { return actor; }
    public String getAction() { return action; }
    public String getDetail() { return detail; }
}
