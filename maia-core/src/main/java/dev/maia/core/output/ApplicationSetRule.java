package dev.maia.core.output;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.maia.core.output.GoTemplate.UnsupportedTemplateException;
import java.util.List;

/**
 * Rule {@code applicationset-scope}: an ApplicationSet makes only Applications that stay in one
 * AppProject, deletes what its Applications say they delete, and, when it rolls out with
 * RollingSync, leaves no Application to chance. The Applications are computed with {@link
 * ApplicationSetExpander}.
 *
 * <ul>
 *   <li>the template's {@code spec.project} is literal text (a templated project would let a
 *       generator element choose the AppProject, and so the destinations and the rights), and every
 *       Application the set makes, after its {@code templatePatch}, has that project;
 *   <li>{@code syncPolicy.preserveResourcesOnDeletion} agrees with the template's finalizers: the
 *       controller adds ArgoCD's resources finalizer to every Application it makes when the field is
 *       false and takes it off before deleting one when it is true, so a disagreement deletes a
 *       tool's resources that the Application keeps, or keeps running a tool that was removed;
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
    boolean preserve = set.at("/spec/syncPolicy/preserveResourcesOnDeletion").asBoolean(false);
    boolean finalizer = false;
    for (JsonNode name : set.at("/spec/template/metadata/finalizers")) {
      finalizer |= SecurityLint.RESOURCES_FINALIZER.equals(name.asText());
    }
    if (preserve == finalizer) {
      findings.add(
          document.finding(
              SecurityRule.APPLICATIONSET_SCOPE,
              preserve
                  ? "/spec/syncPolicy/preserveResourcesOnDeletion is true, but the template's Applications carry "
                      + SecurityLint.RESOURCES_FINALIZER + "; the controller would keep running a tool whose element goes"
                  : "/spec/syncPolicy/preserveResourcesOnDeletion is not true, and the template's Applications carry no "
                      + SecurityLint.RESOURCES_FINALIZER + "; the controller would add it, and delete what they keep"));
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
