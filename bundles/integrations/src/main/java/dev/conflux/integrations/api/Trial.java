package dev.conflux.integrations.api;

import java.util.List;
import java.util.Map;

/**
 * What an integration did with a sample, run once with every outgoing endpoint replaced by a capture: nothing was
 * sent anywhere.
 *
 * @param sent     what it would have sent, and where, in order
 * @param error    why it failed on the sample, in plain words, or null
 * @param problems what is wrong with the integration itself (then it was not run)
 */
public record Trial(List<Output> sent, String error, List<FieldProblem> problems) {

    public Trial {
        sent = List.copyOf(sent);
        problems = List.copyOf(problems);
    }

    /** One message it would have sent: where, its body and headers. */
    public record Output(String endpoint, String body, Map<String, String> headers) {
        public Output {
            headers = Map.copyOf(headers);
        }
    }
}
