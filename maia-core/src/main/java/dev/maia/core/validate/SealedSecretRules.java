package dev.maia.core.validate;

import com.fasterxml.jackson.databind.JsonNode;
import dev.maia.core.clustercore.CoreCatalog;
import dev.maia.core.clustercore.CorePlan;
import dev.maia.core.load.RepoFiles;
import dev.maia.core.load.RepoReader;
import dev.maia.core.load.SourceMap;
import dev.maia.core.model.Cluster;
import dev.maia.core.model.Core;
import dev.maia.core.model.HpcSystem;
import dev.maia.core.model.Platform;
import dev.maia.core.model.Project;
import dev.maia.core.model.SealedSecretFiles.Needed;
import dev.maia.core.model.SealedSecretFiles;
import dev.maia.core.model.ToolCatalog;
import dev.maia.core.plan.identity.KeycloakRealm;
import dev.maia.core.problem.Problem;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * With {@code secrets.provider: sealed-secrets}, every Secret a tool, a cluster registration or
 * ArgoCD's login needs exists in the platform repo as {@code
 * sealed-secrets/<cluster>/<namespace>/<name>.yaml}: one {@code bitnami.com/v1alpha1} SealedSecret
 * with that name and namespace (ArgoCD's, also with the label ArgoCD reads it by). A missing file is
 * reported where the need comes from, naming the file to create; a wrong one, in the file itself.
 */
public final class SealedSecretRules {

  static final String API_VERSION = "bitnami.com/v1alpha1";
  static final String KIND = "SealedSecret";

  /** Every problem with the sealed secrets of a platform (read through {@code repo}); none when it uses External Secrets. */
  public List<Problem> check(Platform platform, ToolCatalog catalog, RepoReader repo, SourceMap sources) {
    RepoFiles files = new RepoFiles(repo);
    Problems problems = new Problems(sources);
    if (!platform.secrets().sealed()) {
      return problems.list();
    }
    for (int i = 0; i < platform.projects().size(); i++) {
      Project project = platform.projects().get(i);
      for (String name : project.clusters()) {
        Cluster cluster = platform.cluster(name).orElse(null);
        if (cluster == null) {
          continue; // reported by ReferenceRules
        }
        for (Needed needed : SealedSecretFiles.forPlacement(project.on(name), cluster, catalog)) {
          String tool = needed.neededBy().substring("tools.".length());
          check(needed, Pointers.project(i) + "/tools/" + Pointers.escape(tool),
              needed.neededBy() + " of project '" + project.name() + "'", files, problems);
        }
      }
    }
    for (int k = 0; k < platform.hpc().size(); k++) {
      HpcSystem system = platform.hpc().get(k);
      for (Project project : platform.projects()) {
        if (!system.projects().contains(project.name())) {
          continue;
        }
        for (String name : project.clusters()) {
          Optional<Cluster> cluster = platform.cluster(name);
          if (cluster.isEmpty()) {
            continue; // reported by ReferenceRules
          }
          String of = " on HPC system '" + system.name() + "' for project '" + project.name() + "'";
          if (system.shared().isPresent()) {
            check(SealedSecretFiles.forHpc(system, project, cluster.get()), Pointers.hpc(k) + "/credentials/shared",
                "the SSH key of the shared account" + of, files, problems);
          }
          for (HpcSystem.Account account : system.accounts(project)) {
            check(SealedSecretFiles.forHpc(system, account, project, cluster.get()),
                Pointers.hpc(k) + "/users/" + Pointers.escape(account.member()),
                "the SSH key of " + Hints.quote(account.member()) + of, files, problems);
          }
        }
      }
    }
    CoreCatalog core = CoreCatalog.builtIn();
    for (int j = 0; j < platform.clusters().size(); j++) {
      Cluster cluster = platform.clusters().get(j);
      CorePlan plan = CorePlan.of(platform, cluster, core);
      Optional<Core.Issuer> ca = cluster.core().issuer().filter(issuer -> issuer.kind() == Core.Issuer.Kind.CA);
      if (plan.has(CorePlan.CERT_MANAGER) && !cluster.ingress().clusterIssuer().isEmpty() && ca.isPresent()) {
        String at = Pointers.cluster(j) + "/core/certManager/issuer/ca";
        check(SealedSecretFiles.forCa(cluster, core.component(CorePlan.CERT_MANAGER).namespace(), ca.get().secretName()),
            sources.contains(at) ? at : "/spec/core/certManager/issuer/ca",
            "the key pair of the internal CA of cluster '" + cluster.name() + "' (core.certManager.issuer.ca)", files, problems);
      }
      if (plan.has(CorePlan.MONITORING)) {
        check(SealedSecretFiles.forGrafana(cluster, core.component(CorePlan.MONITORING).namespace(),
                CorePlan.GRAFANA_ADMIN),
            sources.contains(Pointers.cluster(j) + "/core/monitoring") ? Pointers.cluster(j) + "/core/monitoring" : Pointers.cluster(j),
            "Grafana's admin login on cluster '" + cluster.name() + "' (core.monitoring)", files, problems);
      }
      if (!cluster.name().equals(platform.argocd().cluster()) && cluster.credentialsKey().isPresent()) {
        check(SealedSecretFiles.forRegistration(platform, cluster), Pointers.cluster(j) + "/credentials",
            "the registration of cluster '" + cluster.name() + "' in ArgoCD", files, problems);
      }
    }
    check(SealedSecretFiles.forIdentity(platform, KeycloakRealm.NAMESPACE, KeycloakRealm.APPLIER_SECRET), "/spec/identity",
        "the identity Job's login to Keycloak (client " + KeycloakRealm.APPLIER_CLIENT_ID + ")", files, problems,
        List.of(KeycloakRealm.CLIENT_SECRET_KEY));
    List<List<String>> parts = KeycloakRealm.clientIdsByPart(platform, catalog);
    for (int i = 0; i < parts.size(); i++) {
      if (!parts.get(i).isEmpty()) {
        check(SealedSecretFiles.forIdentity(platform, KeycloakRealm.NAMESPACE, KeycloakRealm.clientsSecretName(i)), "/spec/identity",
            "the identity Job's copy of the Keycloak clients' secrets" + (parts.size() == 1 ? "" : " (part " + i + " of " + parts.size() + ")"),
            files, problems, parts.get(i));
      }
    }
    String argocd = sources.contains("/spec/argocd/cluster") ? "/spec/argocd/cluster" : "/spec/argocd";
    if (platform.cluster(platform.argocd().cluster()).isPresent()) {
      Needed login = SealedSecretFiles.forArgoCdLogin(platform);
      check(login, argocd, "ArgoCD's login (the client secret of OIDC client '" + Platform.ArgoCd.OIDC_CLIENT_ID + "')", files, problems)
          .ifPresent(doc -> labelled(login, doc, SealedSecretFiles.ARGOCD_PART_OF, problems));
    }
    return problems.list();
  }

  private static Optional<RepoFiles.Document> check(Needed needed, String pointer, String who, RepoFiles files, Problems problems) {
    return check(needed, pointer, who, files, problems, List.of());
  }

  /** Reports a sealed secret whose Secret would not carry {@code label} (its {@code spec.template.metadata.labels}). */
  private static void labelled(Needed needed, RepoFiles.Document doc, Map.Entry<String, String> label, Problems problems) {
    JsonNode value = doc.root().path("spec").path("template").path("metadata").path("labels").path(label.getKey());
    if (!label.getValue().equals(value.asText(null))) {
      problems.addAt(
          doc.locate(""),
          "",
          needed.file() + " makes a Secret without the label " + label.getKey() + ": " + label.getValue() + ", and ArgoCD reads"
              + " only Secrets with it",
          "seal it again from a Secret labelled " + label.getKey() + ": " + label.getValue() + " (kubeseal keeps a"
              + " Secret's labels in spec.template.metadata.labels)");
    }
  }

  /** Checks the sealed file {@code needed} and that it holds at least {@code keys} (in {@code encryptedData}). */
  private static Optional<RepoFiles.Document> check(Needed needed, String pointer, String who, RepoFiles files, Problems problems,
      List<String> keys) {
    RepoFiles.Read read = files.read(needed.file());
    problems.addAll(read.problems());
    if (read.document().isEmpty()) {
      if (read.problems().isEmpty()) {
        problems.add(
            pointer,
            who + " needs the sealed secret '" + needed.name() + "' in namespace '" + needed.namespace() + "' on cluster '"
                + needed.cluster() + "', and " + needed.file() + " does not exist",
            "create " + needed.file() + " with kubeseal: a " + KIND + " named '" + needed.name() + "' in namespace '"
                + needed.namespace() + "'");
      }
      return Optional.empty();
    }
    RepoFiles.Document doc = read.document().get();
    JsonNode root = doc.root();
    List<String> wrong = new ArrayList<>();
    if (!API_VERSION.equals(root.path("apiVersion").asText()) || !KIND.equals(root.path("kind").asText())) {
      wrong.add("it is not a " + API_VERSION + " " + KIND);
    }
    if (!needed.name().equals(root.path("metadata").path("name").asText())) {
      wrong.add("its metadata.name is not '" + needed.name() + "'");
    }
    if (!needed.namespace().equals(root.path("metadata").path("namespace").asText())) {
      wrong.add("its metadata.namespace is not '" + needed.namespace() + "'");
    }
    List<String> missing = keys.stream().filter(k -> !root.path("spec").path("encryptedData").has(k)).toList();
    if (!missing.isEmpty()) {
      wrong.add("its spec.encryptedData has no " + String.join(", ", missing));
    }
    if (!wrong.isEmpty()) {
      problems.addAt(
          doc.locate(""),
          "",
          needed.file() + " cannot be used for " + who + ": " + String.join(", ", wrong),
          "seal the secret again with kubeseal --name " + needed.name() + " --namespace " + needed.namespace()
              + (keys.isEmpty() ? "" : ", with the keys " + String.join(", ", keys)));
      return Optional.empty();
    }
    return Optional.of(doc);
  }
}
