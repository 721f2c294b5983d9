package dev.conflux.integrations.jmx;

/**
 * The console's New integration, My integrations and Approvals pages, over Jolokia ({@code conflux:type=integrations}).
 * Every operation acts for the logged-in user and is checked on the server (IntegrationService); who may call it at
 * all is in etc/jmx.acl.conflux.integrations.cfg. Answers are JSON (YAML for an export); a refusal is an exception
 * whose message says what is wrong, "field: message; …" when it is about fields.
 */
public interface IntegrationsMXBean {

    /** {"user", "roles": [...], "approvalRule": "four-eyes"|"self", "canApprove": bool}. */
    String whoAmI();

    /**
     * The templates the user may use: [{"id", "version", "title", "description", "category", "icon", "parameters":
     * [{"name", "type" (upper case: STRING, TEXT, …, CONNECTOR), "label", "help", "defaultValue", "required", "pattern", "min", "max", "values",
     * "connectorType", "choices"}]}].
     */
    String templates();

    /** {"problems": [{"field", "message"}], "flow": the generated YAML, or null when there are problems}. */
    String check(String template, String parametersJson);

    /** {"sent": [{"endpoint", "body", "headers"}], "error", "problems": [{"field", "message"}]}. */
    String tryOut(String template, String parametersJson, String sampleBody, String sampleName);

    /** The integration (see get) after saving it as a draft. */
    String save(String name, String title, String template, String parametersJson);

    String submit(String name);

    /** Approves the version whose "updatedAt" the approver reviewed (refused if it changed since). */
    String approve(String name, String reviewed, String comment);

    String reject(String name, String reviewed, String comment);

    String delete(String name);

    String pause(String name);

    String resume(String name);

    /**
     * The user's integrations: [{"name", "title", "template", "templateVersion", "parameters", "owner", "status"
     * (DRAFT, PENDING, REJECTED, APPROVED), "deletion", "deployed", "submittedBy", "decidedBy", "comment",
     * "updatedAt", "flowState", "processed", "processedSince", "failed", "lastError"}].
     */
    String mine();

    /** The integrations waiting for the user's decision, each with "flow" (YAML) and "touches" (endpoints). */
    String pending();

    /** One integration, with "flow" (YAML) and "touches". */
    String get(String name);

    /** The integration as a YAML document for another environment. */
    String exportIntegration(String name);

    /** Imports an exported document (then submitted under this environment's rule); the integration. */
    String importIntegration(String document);
}
