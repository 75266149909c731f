package dev.maia.core.verify.admission;

import com.fasterxml.jackson.databind.JsonNode;
import dev.maia.core.model.Project;
import dev.maia.core.verify.admission.Admission.Finding;
import dev.maia.core.verify.admission.Admission.Namespace;
import dev.maia.core.verify.admission.Reachability.Pod;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A project namespace's objects, pods and user servers, as the admission checks see them: its own
 * objects and its charts', in the namespace, with the pods they make.
 *
 * @param members the project's users, then its admins who are not users too
 * @param labels the Namespace object's labels
 * @param objects every object of the namespace
 * @param workloads the pods its objects make
 * @param users the user servers JupyterHub would start, when the namespace has a workspace
 * @param pods the workloads and one user server as network endpoints
 * @param configs its ConfigMaps, Secrets and Services by {@code Kind/name}
 */
record View(Namespace namespace, List<String> members, Map<String, String> labels, List<JsonNode> objects, List<Workload> workloads,
    Optional<UserPods> users, List<Pod> pods, Map<String, JsonNode> configs) {

  List<JsonNode> policies() {
    return objects.stream().filter(o -> "NetworkPolicy".equals(o.path("kind").asText())).toList();
  }

  static List<String> members(Project project) {
    List<String> members = new ArrayList<>(project.users());
    project.admins().stream().filter(a -> !members.contains(a)).forEach(members::add);
    return List.copyOf(members);
  }

  /** A finding of this namespace; {@code field} as {@link Finding} has it. */
  Finding finding(String check, String field, String message, String hint) {
    return new Finding(check, namespace.cluster(), namespace.project().name(), field, message, hint);
  }

  /** The project field that decides a tool's pods ({@code tools/<tool>}), or the project itself for the namespace's own. */
  static String toolField(String tool) {
    return tool.isEmpty() ? "" : "tools/" + tool;
  }
}
