package dev.maia.core.output;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The security lint of the generated tree (DESIGN invariants 4 and 5): every document is checked
 * before anything is committed, and any finding fails the run with {@link UnsafeOutputException}.
 * The rules are in {@link SecurityRule} and {@code docs/security.md}, one class each.
 *
 * <p>One instance lints one tree. {@link #check} takes the files of one unit, as their documents
 * before they are written, and may be called from several threads at once; the rules that need
 * the whole tree (a project folder includes a base rendered by another unit) run in
 * {@link #finish} once every unit is checked.
 */
public final class SecurityLint {

  /** The AppProject of the platform itself, which alone may create namespaces. */
  public static final String PLATFORM_PROJECT = "maia-platform";

  /** The AppProject of the core layer: the clusters' foundation components and their configuration. */
  public static final String CORE_PROJECT = "maia-core";

  /**
   * The cluster-scoped kinds the core project may sync, as {group, kind}: what the foundation
   * charts install (CRDs, cluster roles, webhooks, storage and ingress classes, the metrics API,
   * the GPU operator's ClusterPolicy and runtime class, node feature rules) and the core
   * configuration (ClusterIssuer, ClusterSecretStore). Listed on purpose, like the platform
   * project's: widening it is a security decision.
   */
  public static final java.util.List<String[]> CORE_CLUSTER_KINDS = java.util.List.of(
      new String[] {"", "Namespace"},
      new String[] {"apiextensions.k8s.io", "CustomResourceDefinition"},
      new String[] {"rbac.authorization.k8s.io", "ClusterRole"},
      new String[] {"rbac.authorization.k8s.io", "ClusterRoleBinding"},
      new String[] {"admissionregistration.k8s.io", "MutatingWebhookConfiguration"},
      new String[] {"admissionregistration.k8s.io", "ValidatingWebhookConfiguration"},
      new String[] {"apiregistration.k8s.io", "APIService"},
      new String[] {"storage.k8s.io", "StorageClass"},
      new String[] {"networking.k8s.io", "IngressClass"},
      new String[] {"scheduling.k8s.io", "PriorityClass"},
      new String[] {"node.k8s.io", "RuntimeClass"},
      new String[] {"nvidia.com", "ClusterPolicy"},
      new String[] {"nfd.k8s-sigs.io", "NodeFeatureRule"},
      new String[] {"cert-manager.io", "ClusterIssuer"},
      new String[] {"external-secrets.io", "ClusterSecretStore"});

  /** The AppProject of the identity layer: the identity Job's namespace on the ArgoCD cluster only. */
  public static final String IDENTITY_PROJECT = "maia-identity";

  /** The AppProject of the bootstrap Application, which syncs {@code argocd/} on the ArgoCD cluster. */
  public static final String BOOTSTRAP_PROJECT = "maia-bootstrap";

  /** The bootstrap Application, applied once from {@code bootstrap/}. */
  public static final String BOOTSTRAP_APPLICATION = "maia";

  /**
   * The finalizer with which ArgoCD deletes what an Application deployed when the Application is
   * deleted: a tool's Applications carry it, so a tool removed from a project stops running.
   */
  public static final String RESOURCES_FINALIZER = "resources-finalizer.argocd.argoproj.io";

  private static final List<DocumentRule> DOCUMENT_RULES =
      List.of(
          new CredentialRule(), new AppProjectRule(), new PinnedVersionRule(), new TlsVerificationRule(), new ApplicationSetRule());

  private static final List<FolderRule> FOLDER_RULES = List.of(new NamespaceGuardRule(), new RoleBindingRule());

  private final NamespaceFolders folders = new NamespaceFolders();

  /**
   * Lints the files of one unit and remembers what the folder rules need.
   *
   * @param files path relative to the output folder to the documents of the file, in file order
   * @return the findings in these files, sorted; empty when they are clean
   */
  public List<Finding> check(Map<String, List<JsonNode>> files) {
    List<Finding> findings = new ArrayList<>();
    new TreeMap<>(files).forEach((path, documents) -> {
      List<LintedDocument> linted = new ArrayList<>();
      for (int i = 0; i < documents.size(); i++) {
        JsonNode root = documents.get(i);
        if (root == null || root.isNull() || root.isMissingNode()) {
          continue;
        }
        LintedDocument document = LintedDocument.of(path, documents.size() == 1 ? 0 : i + 1, root);
        DOCUMENT_RULES.forEach(rule -> rule.check(document, findings));
        linted.add(document);
      }
      folders.record(path, linted);
    });
    return sorted(findings);
  }

  /** Runs the rules that need every file; call once, after {@link #check} saw every unit. */
  public List<Finding> finish() {
    List<Finding> findings = new ArrayList<>();
    for (NamespaceFolders.Folder folder : folders.projectFolders()) {
      FOLDER_RULES.forEach(rule -> rule.check(folder, findings));
    }
    return sorted(findings);
  }

  /**
   * The rule {@code no-credentials} on one object a chart renders, outside the tree: no plaintext
   * Secret and no credential-shaped value, as in the tree; literals under credential-like keys are
   * the chart's own business (see {@link CredentialRule}).
   *
   * @param path what the document is called in findings
   */
  public static List<Finding> chartCredentials(String path, JsonNode document) {
    List<Finding> findings = new ArrayList<>();
    new CredentialRule(false).check(LintedDocument.of(path, 0, document), findings);
    return sorted(findings);
  }

  /**
   * The document rules on the Helm values one template renders, before they become an
   * Application's {@code valuesObject}: what the lint would find inside it, with pointers relative
   * to the values. {@code TemplateCheck} runs it on every site template wherever it applies, so a
   * literal credential a template writes is found, located in the template, before anything is
   * written.
   *
   * @param path what the values are called in findings
   */
  public static List<Finding> values(String path, JsonNode values) {
    List<Finding> findings = new ArrayList<>();
    LintedDocument document = LintedDocument.of(path, 0, values);
    DOCUMENT_RULES.forEach(rule -> rule.check(document, findings));
    return sorted(findings);
  }

  /** Lints a whole tree at once: {@link #check} then {@link #finish}. */
  public static List<Finding> lint(Map<String, List<JsonNode>> files) {
    SecurityLint lint = new SecurityLint();
    List<Finding> findings = new ArrayList<>(lint.check(files));
    findings.addAll(lint.finish());
    return sorted(findings);
  }

  private static List<Finding> sorted(List<Finding> findings) {
    return List.copyOf(new TreeSet<>(findings));
  }
}
