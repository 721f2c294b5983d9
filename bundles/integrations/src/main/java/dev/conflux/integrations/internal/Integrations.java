package dev.conflux.integrations.internal;

import dev.conflux.audit.api.AuditEntry;
import dev.conflux.audit.api.AuditLog;
import dev.conflux.audit.api.Caller;
import dev.conflux.connector.api.ConnectorInstance;
import dev.conflux.connector.api.ConnectorService;
import dev.conflux.integrations.api.FieldProblem;
import dev.conflux.integrations.api.Integration;
import dev.conflux.integrations.api.Integration.Status;
import dev.conflux.integrations.api.IntegrationException;
import dev.conflux.integrations.api.IntegrationService;
import dev.conflux.integrations.api.Requester;
import dev.conflux.integrations.api.Template;
import dev.conflux.integrations.api.TemplateParameter;
import dev.conflux.integrations.api.Trial;
import dev.conflux.runtime.api.FlowService;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The integrations service: templates and values become flow files in the flows directory, once approved under the
 * environment's rule ({@link Governance}); the runtime deploys them like any flow file, with its revision history.
 */
final class Integrations implements IntegrationService {

    static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]{2,40}");
    static final String PUBLISHED_KEY = "published";

    private final TemplateLibrary templates;
    private final IntegrationStore store;
    private final Supplier<Governance> governance;
    private final FlowService flows;
    private final ConnectorService connectors;
    private final AuditLog audit;
    private final Path flowsDirectory;
    private final Clock clock;
    private final IntegrationViews views;
    private final FlowMaker maker;
    private final Access access;

    Integrations(TemplateLibrary templates, IntegrationStore store, Supplier<Governance> governance, FlowService flows,
            ConnectorService connectors, AuditLog audit, Path flowsDirectory, Clock clock) {
        this.templates = templates;
        this.store = store;
        this.governance = governance;
        this.flows = flows;
        this.connectors = connectors;
        this.audit = audit;
        this.flowsDirectory = flowsDirectory;
        this.clock = clock;
        this.views = new IntegrationViews(flows, new DailyCounts(clock));
        this.maker = new FlowMaker(flows);
        this.access = new Access(store, governance);
    }

    IntegrationViews views() {
        return views;
    }

    // ---- templates ---------------------------------------------------------------------------------------------

    @Override
    public List<Template> templates(Requester who) {
        Governance rules = governance.get();
        requireIntegrator(who, rules);
        Map<String, Set<String>> offered = offeredConnectors();
        return templates.templates().values().stream().filter(t -> rules.mayUse(who, t))
                .map(t -> withChoices(t, offered)).toList();
    }

    @Override
    public Template template(String id, Requester who) {
        Governance rules = governance.get();
        requireIntegrator(who, rules);
        Template t = templates.templates().get(id);
        if (t == null || !rules.mayUse(who, t)) {
            throw new IntegrationException(List.of(new FieldProblem("template", "no template '" + id + "' is published to you")));
        }
        return withChoices(t, offeredConnectors());
    }

    @Override
    public List<String> templateProblems() {
        return templates.problems();
    }

    private static Template withChoices(Template t, Map<String, Set<String>> offered) {
        return t.withParameters(t.parameters().stream().map(p -> p.type() == TemplateParameter.Type.CONNECTOR
                ? p.withChoices(List.copyOf(offered.getOrDefault(p.connectorType(), Set.of()))) : p).toList());
    }

    /** The connector instances published to integrators ({@value #PUBLISHED_KEY} = true), by type. */
    Map<String, Set<String>> offeredConnectors() {
        Map<String, Set<String>> offered = new HashMap<>();
        for (ConnectorInstance c : connectors.list()) {
            if (c.status() != ConnectorInstance.Status.INVALID && "true".equals(c.settings().get(PUBLISHED_KEY))) {
                offered.computeIfAbsent(c.type(), k -> new TreeSet<>()).add(c.name());
            }
        }
        return offered;
    }

    private void requireIntegrator(Requester who, Governance rules) {
        rules.requireUser(who);
        if (!rules.mayUseAny(who) && !who.has(Requester.APPROVER)) {
            throw new IntegrationException("integrations are for the roles integrator, approver and admin");
        }
    }

    // ---- checking, rendering, trying ---------------------------------------------------------------------------

    @Override
    public List<FieldProblem> check(String template, Map<String, String> parameters, Requester who) {
        return prepare(template, parameters, who, "check").problems();
    }

    @Override
    public String render(String template, Map<String, String> parameters, Requester who) {
        FlowMaker.Made p = prepare(template, parameters, who, "check");
        if (!p.problems().isEmpty()) {
            throw new IntegrationException(p.problems());
        }
        return p.flow();
    }

    @Override
    public Trial tryOut(String template, Map<String, String> parameters, String sampleBody, String sampleName,
            Requester who) {
        if (sampleBody != null && sampleBody.length() > FlowMaker.SAMPLE_MAX) {
            return new Trial(List.of(), null, List.of(new FieldProblem("sample", "a sample of at most 1 MB")));
        }
        FlowMaker.Made made = prepare(template, parameters, who, "trial");
        if (!made.problems().isEmpty()) {
            return new Trial(List.of(), null, made.problems());
        }
        Trial trial = maker.tryOut(made.flow(), sampleBody, sampleName);
        audit(who, "integration.try", template, AuditEntry.OK, trial.sent().size() + " message(s) would be sent"
                + (trial.error() != null ? "; failed: " + trial.error() : "") + "; nothing was sent");
        return trial;
    }

    /** The flow the values make, checked by type and then by the runtime's validator. */
    private FlowMaker.Made prepare(String templateId, Map<String, String> given, Requester who, String name) {
        return maker.make(template(templateId, who), given, offeredConnectors(), name);
    }

    // ---- lifecycle ---------------------------------------------------------------------------------------------

    @Override
    public synchronized Integration save(String name, String title, String templateId, Map<String, String> parameters,
            Requester who) {
        return audited(who, "integration.save", name, () -> {
            Governance rules = governance.get();
            rules.requireUser(who);
            if (name == null || !NAME.matcher(name).matches()) {
                throw new IntegrationException(List.of(new FieldProblem("name",
                        "a name of 3 to 41 lower-case letters, digits and '-', starting with a letter")));
            }
            StoredIntegration existing = store.get(name).orElse(null);
            if (existing == null) {
                checkNewName(name);
            } else if (!rules.mayChange(who, existing)) {
                throw new IntegrationException("integration " + name + " belongs to " + existing.owner()
                        + "; only they (or an admin) may change it");
            } else if (!existing.template().equals(templateId)) {
                throw new IntegrationException(List.of(new FieldProblem("template",
                        "integration " + name + " is made from " + existing.template() + "; make a new one instead")));
            }
            if (title == null || title.isBlank() || title.length() > 120 || title.chars().anyMatch(Character::isISOControl)) {
                throw new IntegrationException(List.of(new FieldProblem("title", "a title of 1 to 120 characters")));
            }
            Template t = template(templateId, who);
            FlowMaker.Made p = prepare(templateId, parameters, who, name);
            if (!p.problems().isEmpty()) {
                throw new IntegrationException(p.problems());
            }
            String now = clock.instant().toString();
            StoredIntegration saved = existing == null
                    ? new StoredIntegration(name, title.strip(), t.id(), t.version(), Map.copyOf(parameters), who.user(),
                            Status.DRAFT, false, null, null, null, now, null, 0)
                    : existing.proposing(title.strip(), t.version(), Map.copyOf(parameters), now);
            store.put(saved);
            return saved;
        });
    }

    private void checkNewName(String name) {
        if (flows.status(name).isPresent() || Files.exists(flowFile(name))) {
            throw new IntegrationException(List.of(new FieldProblem("name", "a flow named " + name + " exists already")));
        }
    }

    @Override
    public synchronized Integration submit(String name, Requester who) {
        return audited(who, "integration.submit", name, () -> {
            StoredIntegration i = access.owned(name, who);
            if (i.status() != Status.DRAFT && i.status() != Status.REJECTED) {
                throw new IntegrationException("integration " + name + " is " + i.status() + ", not a draft");
            }
            StoredIntegration submitted = i.with(Status.PENDING, false, who.user(), i.decidedBy(), i.comment(), now());
            store.put(submitted);
            return submitted;
        });
    }

    @Override
    public synchronized Integration approve(String name, String reviewed, String comment, Requester who) {
        return audited(who, "integration.approve", name, () -> {
            StoredIntegration i = access.pendingFor(name, reviewed, who);
            String now = now();
            if (i.deletion()) {
                undeploy(i);
                store.remove(name);
                return i.with(Status.APPROVED, true, i.submittedBy(), who.user(), comment, now).deployedAs(null, 0);
            }
            Template t = template(i.template(), who.has(Requester.ADMIN) ? who : asOwner(i));
            if (!i.deployed() && (flows.status(name).isPresent() || Files.exists(flowFile(name)))) {
                throw new IntegrationException("a flow named " + name + " was deployed since this integration was "
                        + "made; its author must make it again under another name");
            }
            if (t.version() != i.templateVersion()) {
                throw new IntegrationException("template " + t.id() + " is now version " + t.version() + "; the author "
                        + "must save the integration again with it before it can be approved");
            }
            String header = "# Approved by " + who.user() + " at " + now + "; author " + i.owner() + ".\n";
            try {
                IntegrationStore.writeAtomically(flowFile(name), header + flowOf(i));
            } catch (IOException e) {
                throw new IntegrationException("cannot write the flow file: " + e.getMessage());
            }
            StoredIntegration approved = i.with(Status.APPROVED, false, i.submittedBy(), who.user(), comment, now)
                    .deployedAs(Map.copyOf(i.parameters()), i.templateVersion());
            store.put(approved);
            return approved;
        });
    }

    @Override
    public synchronized Integration reject(String name, String reviewed, String comment, Requester who) {
        return audited(who, "integration.reject", name, () -> {
            if (comment == null || comment.isBlank()) {
                throw new IntegrationException(List.of(new FieldProblem("comment", "say why it is rejected")));
            }
            StoredIntegration i = access.pendingFor(name, reviewed, who);
            StoredIntegration rejected = i.with(Status.REJECTED, false, i.submittedBy(), who.user(), comment, now());
            store.put(rejected);
            return rejected;
        });
    }

    @Override
    public synchronized Integration delete(String name, Requester who) {
        return audited(who, "integration.delete", name, () -> {
            Governance rules = governance.get();
            StoredIntegration i = access.owned(name, who);
            if (i.deployed() && rules.deletionNeedsApproval() && !who.has(Requester.ADMIN)) {
                StoredIntegration asked = i.with(Status.PENDING, true, who.user(), i.decidedBy(), i.comment(), now());
                store.put(asked);
                return asked;
            }
            undeploy(i);
            store.remove(name);
            return i.with(i.status(), true, i.submittedBy(), i.decidedBy(), i.comment(), now()).deployedAs(null, 0);
        });
    }

    @Override
    public Integration pause(String name, Requester who) {
        return audited(who, "integration.pause", name, () -> {
            StoredIntegration i = access.deployedOwned(name, who);
            flows.stop(name, "integration:" + who.user());
            return i;
        });
    }

    @Override
    public Integration resume(String name, Requester who) {
        return audited(who, "integration.resume", name, () -> {
            StoredIntegration i = access.deployedOwned(name, who);
            flows.start(name, "integration:" + who.user());
            return i;
        });
    }

    // ---- reading -----------------------------------------------------------------------------------------------

    @Override
    public List<Integration> mine(Requester who) {
        Governance rules = governance.get();
        rules.requireUser(who);
        return store.all().stream().filter(i -> rules.mayChange(who, i)).map(views::of).toList();
    }

    @Override
    public List<Integration> pending(Requester who) {
        Governance rules = governance.get();
        rules.requireUser(who);
        return store.all().stream().filter(i -> i.status() == Status.PENDING && rules.mayDecide(who, i))
                .map(views::of).toList();
    }

    @Override
    public Integration get(String name, Requester who) {
        return views.of(access.visible(name, who));
    }

    @Override
    public List<String> touches(String name, Requester who) {
        return maker.touches(name, flowOf(access.visible(name, who)));
    }

    @Override
    public String flow(String name, Requester who) {
        return flowOf(access.visible(name, who));
    }

    private String flowOf(StoredIntegration i) {
        FlowMaker.Made p = prepare(i.template(), i.parameters(), asOwner(i), i.name());
        if (!p.problems().isEmpty()) {
            throw new IntegrationException(p.problems());
        }
        return p.flow();
    }

    @Override
    public String export(String name, Requester who) {
        StoredIntegration i = access.visible(name, who);
        audit(who, "integration.export", name, AuditEntry.OK, "template " + i.template() + " v" + i.templateVersion());
        return Exports.write(i);
    }

    @Override
    public synchronized Integration importDocument(String document, Requester who) {
        Exports.Imported doc = Exports.read(document);
        Template t = template(doc.template(), who);
        if (t.version() != doc.templateVersion()) {
            throw new IntegrationException(List.of(new FieldProblem("template", "the document was made with " + t.id()
                    + " version " + doc.templateVersion() + "; this environment has version " + t.version())));
        }
        save(doc.name(), doc.title(), doc.template(), doc.parameters(), who);
        return submit(doc.name(), who);
    }

    @Override
    public String approvalRule() {
        return governance.get().rule();
    }

    // ---- helpers -----------------------------------------------------------------------------------------------

    private Path flowFile(String name) {
        return flowsDirectory.resolve(name + ".yaml");
    }

    private void undeploy(StoredIntegration i) {
        try {
            Files.deleteIfExists(flowFile(i.name()));
        } catch (IOException e) {
            throw new IntegrationException("cannot delete the flow file: " + e.getMessage());
        }
    }

    /** The owner, as integrator: what they may use is what the integration may use. */
    private static Requester asOwner(StoredIntegration i) {
        return new Requester(i.owner(), Set.of(Requester.INTEGRATOR));
    }

    private String now() {
        return clock.instant().toString();
    }

    private Integration audited(Requester who, String action, String target, Supplier<StoredIntegration> operation) {
        StoredIntegration result;
        try {
            result = operation.get();
        } catch (RuntimeException e) {
            audit(who, action, target, AuditEntry.FAILED, e.getMessage());
            throw e;
        }
        audit(who, action, target, AuditEntry.OK, result.status() + (result.deletion() ? " (deletion)" : "")
                + " template " + result.template() + " v" + result.templateVersion() + " owner " + result.owner()
                + (result.decidedBy() != null ? " decided by " + result.decidedBy() : ""));
        return views.of(result);
    }

    private void audit(Requester who, String action, String target, String result, String detail) {
        Caller caller = Caller.current();
        if (caller.user() == null) {
            caller = new Caller(who.user(), null);
        }
        audit.record(caller, action, target, List.of(), result, detail);
    }
}
