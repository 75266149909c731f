package dev.maia.core.output;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.maia.core.output.GoTemplate.UnsupportedTemplateException;
import java.util.List;

/**
 * Rule {@code applicationset-scope}: an ApplicationSet makes only Applications that stay in one
 * AppProject, keeps the tools' resources when an Application goes, and, when it rolls out with
 * RollingSync, leaves no Application to chance. The Applications are computed with {@link
 * ApplicationSetExpander}.
 *
 * <ul>
 *   <li>the template's {@code spec.project} is literal text (a templated project would let a
 *       generator element choose the AppProject, and so the destinations and the rights), and every
 *       Application the set makes, after its {@code templatePatch}, has that project;
 *   <li>{@code syncPolicy.preserveResourcesOnDeletion} is {@code true};
 *   <li>with {@code strategy.type: RollingSync}, every Application is selected by exactly one step
 *       (one that no step selects never syncs; RollingSync turns automated sync off);
 *   <li>the set uses nothing the expander does not know, so that all of the above can be checked.
 * </ul>
 */
final class ApplicationSetRule implements DocumentRule {

  @Override
  public void check(LintedDocument document, List<Finding> findings) {
    if (!document.isArgoCd() || !"ApplicationSet".equals(document.kind())) {
      return;
    }
    JsonNode set = document.root();
    String project = set.at("/spec/template/spec/project").asText("");
    if (project.isEmpty() || GoTemplate.isTemplate(project)) {
      findings.add(
          document.finding(
              SecurityRule.APPLICATIONSET_SCOPE,
              "/spec/template/spec/project is '" + project + "', not a literal AppProject; an element could move its"
                  + " Application into another project: write one ApplicationSet per project"));
      return;
    }
    if (!set.at("/spec/syncPolicy/preserveResourcesOnDeletion").asBoolean(false)) {
      findings.add(
          document.finding(
              SecurityRule.APPLICATIONSET_SCOPE,
              "/spec/syncPolicy/preserveResourcesOnDeletion is not true; removing an element would delete its tool's"
                  + " resources and data"));
    }
    List<ObjectNode> applications;
    try {
      applications = ApplicationSetExpander.expand(set);
    } catch (UnsupportedTemplateException e) {
      findings.add(
          document.finding(
              SecurityRule.APPLICATIONSET_SCOPE, "its Applications cannot be checked: " + e.getMessage()));
      return;
    }
    boolean rolling = ApplicationSetExpander.rollingSync(set);
    for (ObjectNode application : applications) {
      String name = application.at("/metadata/name").asText();
      String made = application.at("/spec/project").asText("");
      if (!project.equals(made)) {
        findings.add(
            document.finding(
                SecurityRule.APPLICATIONSET_SCOPE,
                "Application '" + name + "' gets project '" + made + "' instead of '" + project + "' (from /spec/templatePatch)"));
      }
      if (rolling) {
        List<Integer> steps = ApplicationSetExpander.steps(set, application);
        if (steps.isEmpty()) {
          findings.add(
              document.finding(
                  SecurityRule.APPLICATIONSET_SCOPE,
                  "Application '" + name + "' is selected by no step of /spec/strategy/rollingSync; RollingSync turns"
                      + " automated sync off, so it would never sync"));
        } else if (steps.size() > 1) {
          findings.add(
              document.finding(
                  SecurityRule.APPLICATIONSET_SCOPE,
                  "Application '" + name + "' is selected by steps " + steps + " of /spec/strategy/rollingSync; a wave"
                      + " selects each Application once"));
        }
      }
    }
  }
}
