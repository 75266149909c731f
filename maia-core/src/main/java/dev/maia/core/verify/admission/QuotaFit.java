package dev.maia.core.verify.admission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.maia.core.verify.admission.Admission.Finding;
import dev.maia.core.verify.admission.Admission.Namespace;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code quota-fit} check: every pod of a namespace passes its LimitRanges, and every tool
 * replica, the concurrent user servers (and each GPU profile's server, or an active booking's, in
 * place of one of them) and every volume claim, the members' home volumes included, fit its
 * ResourceQuotas ({@link Quota}). A finding names the numbers and the field to change: the
 * project's resources when the tools alone do not fit, the server sizing when the servers do not,
 * the GPU settings or the booking when a GPU server does not.
 */
final class QuotaFit {

  private final Instant now;

  QuotaFit(Instant now) {
    this.now = now;
  }

  /** The findings of one namespace. */
  List<Finding> check(View view) {
    List<Finding> findings = new ArrayList<>();
    Namespace namespace = view.namespace();
    Quota quota = new Quota(view.objects());
    List<Quota.Admitted> tools = new ArrayList<>();
    for (Workload workload : view.workloads()) {
      Quota.Admitted admitted = quota.admit(workload);
      tools.add(admitted);
      List<String> refused = new ArrayList<>(admitted.refusals());
      refused.addAll(quota.unstated(admitted));
      if (!refused.isEmpty()) {
        findings.add(view.finding("quota-fit", View.toolField(workload.tool()),
            workload.origin() + " is refused in " + namespace.name() + ": " + String.join("; ", refused),
            "give the tool resources within the project's limits (spec.projects[].resources)"));
      }
    }
    List<JsonNode> claims = claims(view);
    List<Quota.Excess> toolsAlone = quota.exceeded(tools, claims);
    if (!toolsAlone.isEmpty()) {
      findings.add(view.finding("quota-fit", "resources",
          "the tools of " + namespace.name() + " do not fit its quota before any user server starts: " + describe(toolsAlone),
          "raise the project's resources, or turn off a tool it does not use"));
      return findings;
    }
    if (view.users().isEmpty()) {
      return findings;
    }
    UserPods users = view.users().get();
    List<String> members = view.members();
    int servers = Math.min(members.size(), users.activeServerLimit().orElse(Integer.MAX_VALUE));
    if (servers == 0) {
      return findings;
    }
    Quota.Admitted server = quota.admit(Workload.user(users.pod(members.get(0), now), servers, "user server"));
    List<String> refused = new ArrayList<>(server.refusals());
    refused.addAll(quota.unstated(server));
    if (!refused.isEmpty()) {
      findings.add(view.finding("quota-fit", "tools/workspace/server",
          "a user server is refused in " + namespace.name() + ": " + String.join("; ", refused),
          "size tools.workspace.server within the project's resources"));
      return findings;
    }
    List<Quota.Admitted> all = new ArrayList<>(tools);
    all.add(server);
    List<Quota.Excess> withServers = quota.exceeded(all, claims);
    if (!withServers.isEmpty()) {
      findings.add(view.finding("quota-fit", "tools/workspace/server",
          "the tools of " + namespace.name() + " and " + (servers == 1 ? "1 user server" : servers + " user servers at once")
              + " do not fit its quota: " + describe(withServers),
          "lower tools.workspace.server, set tools.workspace.activeServerLimit, or raise the project's resources"));
      return findings;
    }
    // each GPU profile, in place of one of the servers
    List<Scenario> gpu = new ArrayList<>();
    for (JsonNode profile : users.profiles()) {
      if (profile.path("kubespawner_override").path("extra_resource_limits").size() > 0) {
        gpu.add(new Scenario(profile.path("slug").asText(), "", users.pod(members.get(0), profile, now)));
      }
    }
    for (UserPods.Booking booking : users.bookings()) {
      if (!booking.start().isAfter(now) && booking.end().isAfter(now)) {
        gpu.add(new Scenario(booking.profile().path("slug").asText(), booking.id(), users.pod(booking.user(), booking.profile(), now)));
      }
    }
    for (Scenario scenario : gpu) {
      List<Quota.Admitted> with = new ArrayList<>(tools);
      if (servers > 1) {
        with.add(quota.admit(Workload.user(users.pod(members.get(0), now), servers - 1, "user server")));
      }
      Quota.Admitted one = quota.admit(Workload.user(scenario.pod(), 1, "user server (" + scenario.slug() + ")"));
      List<String> problems = new ArrayList<>(one.refusals());
      quota.exceeded(List.of(one), List.of()).forEach(e -> problems.add(e.describe()));
      if (problems.isEmpty()) {
        List<Quota.Admitted> together = new ArrayList<>(with);
        together.add(one);
        quota.exceeded(together, claims).forEach(e -> problems.add(e.describe()));
      }
      if (!problems.isEmpty()) {
        String field = scenario.booking().isEmpty() ? "gpu" : "/bookings/" + scenario.booking();
        findings.add(view.finding("quota-fit", field,
            "a user server with the GPU profile " + scenario.slug() + (scenario.booking().isEmpty() ? "" : " of booking " + scenario.booking())
                + " beside the other servers is refused in " + namespace.name() + ": " + String.join("; ", problems),
            "the project's GPU quota and maxPerWorkspace, the booking's GPUs and the server sizing must fit together"));
      }
    }
    return findings;
  }

  /** A GPU server (of a profile, or of an active booking) in place of one of the others. */
  private record Scenario(String slug, String booking, JsonNode pod) {}

  private static String describe(List<Quota.Excess> excess) {
    return String.join("; ", excess.stream().map(Quota.Excess::describe).toList());
  }

  /** Every claim of the namespace: its own, its charts', each StatefulSet replica's, each member's home. */
  private List<JsonNode> claims(View view) {
    List<JsonNode> claims = new ArrayList<>();
    view.objects().stream().filter(o -> "PersistentVolumeClaim".equals(o.path("kind").asText())).forEach(claims::add);
    for (Workload workload : view.workloads()) {
      for (JsonNode template : workload.claims()) {
        for (int i = 0; i < workload.count(); i++) {
          ObjectNode claim = template.deepCopy();
          ((ObjectNode) claim.with("metadata")).put("name", template.path("metadata").path("name").asText() + "-" + workload.origin() + "-" + i);
          claims.add(claim);
        }
      }
    }
    view.users().flatMap(UserPods::homeCapacity).ifPresent(capacity -> {
      for (String member : view.members()) {
        ObjectNode claim = JsonNodeFactory.instance.objectNode();
        claim.putObject("metadata").put("name", "claim-" + UserPods.slug(member));
        claim.putObject("spec").putObject("resources").putObject("requests").put("storage", capacity);
        claims.add(claim);
      }
    });
    return claims;
  }
}
