package dev.conflux.integrations.api;

import java.util.List;
import java.util.stream.Collectors;

/** A refused request: what is wrong (each problem with its field where it has one), never how the code works. */
public class IntegrationException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient List<FieldProblem> problems;

    public IntegrationException(String message) {
        this(List.of(new FieldProblem(null, message)));
    }

    public IntegrationException(List<FieldProblem> problems) {
        super(problems.stream().map(p -> p.field() == null ? p.message() : p.field() + ": " + p.message())
                .collect(Collectors.joining("; ")));
        this.problems = List.copyOf(problems);
    }

    public List<FieldProblem> problems() {
        return problems;
    }
}
