package dev.conflux.integrations.api;

import java.util.List;
import java.util.Map;

/**
 * Integrations made from templates by citizen integrators, under IT's governance (docs/citizen-integrators.md).
 * Every call is checked on the server against the {@link Requester}: integrators use the templates published to
 * their role and the connector instances published to integrators, and touch only their own integrations;
 * approvers (and admins) decide on submitted ones, under the environment's approval rule. Every change is audited.
 * The {@code conflux:type=integrations} MBean (the console's New integration, My integrations and Approvals pages)
 * and the {@code conflux:integration-*} commands are front ends over it. Refusals are {@link IntegrationException}s.
 */
public interface IntegrationService {

    /** The templates the requester may use, each connector parameter with the instances offered to them. */
    List<Template> templates(Requester who);

    Template template(String id, Requester who);

    /** Why each template file that is not published is not valid ("file: problem"), for the templates' authors. */
    List<String> templateProblems();

    /**
     * Checks values against the template without saving anything.
     *
     * @return every problem, next to its field; empty when the integration is valid
     */
    List<FieldProblem> check(String template, Map<String, String> parameters, Requester who);

    /** The flow the values would make (what an approver sees), or an IntegrationException with the problems. */
    String render(String template, Map<String, String> parameters, Requester who);

    /** Runs the integration once on a sample (see {@link Trial}). */
    Trial tryOut(String template, Map<String, String> parameters, String sampleBody, String sampleName, Requester who);

    /** Creates a draft, or changes the requester's own integration (a deployed one keeps running until approved). */
    Integration save(String name, String title, String template, Map<String, String> parameters, Requester who);

    /** Submits a draft or rejected integration for a decision (under the self rule its author may then approve it). */
    Integration submit(String name, Requester who);

    /**
     * Approves and deploys it.
     *
     * @param reviewed the {@code updatedAt} of the version the approver reviewed: refused if it changed since
     */
    Integration approve(String name, String reviewed, String comment, Requester who);

    /** Rejects it with a reason; {@code reviewed} as for {@link #approve}. */
    Integration reject(String name, String reviewed, String comment, Requester who);

    /** Deletes it, or asks for the deletion's approval where the environment requires one for a deployed one. */
    Integration delete(String name, Requester who);

    Integration pause(String name, Requester who);

    Integration resume(String name, Requester who);

    /** The requester's own integrations (all of them for admins). */
    List<Integration> mine(Requester who);

    /** The integrations waiting for a decision the requester may take. */
    List<Integration> pending(Requester who);

    Integration get(String name, Requester who);

    /** The flow the integration makes as it stands (its proposal): what an approver reads. */
    String flow(String name, Requester who);

    /** What the deployed (or proposed) flow reads from and sends to, for the approver: endpoint URIs. */
    List<String> touches(String name, Requester who);

    /** The integration as a small YAML document (template, version, parameters) for another environment. */
    String export(String name, Requester who);

    /**
     * Imports an exported document as the requester's integration, checking the template's version and the connector
     * instances here, and submits it to this environment's approval rule.
     */
    Integration importDocument(String document, Requester who);

    /** The environment's approval rule: {@code four-eyes} (someone other than the author) or {@code self}. */
    String approvalRule();
}
