package dev.maia.core.validate;

import com.fasterxml.jackson.databind.JsonNode;
import dev.maia.core.load.SourceMap;
import dev.maia.core.problem.Problem;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * No credential in a URL of the input (DESIGN invariant 4): {@code https://user:password@host} in
 * {@code spec.gitops.repoURL} would be copied into every Application, the AppProjects and the
 * bootstrap. The rule reads every string of the merged document, not a list of URL fields, so it
 * covers the URL fields of the schema (repositories, mirrors, API servers, issuers, the ACME
 * directory), the free-form settings of a secret store's provider, text such as a project's
 * description, and any field added later. What counts as a credential is {@link UrlCredentials}'s
 * to say. It runs with the schema, on the document before the model is read, so its problems come
 * together with the schema's.
 */
public final class UrlCredentialRules {

  /** How the credentials of a URL at a place in the document are given instead, first match wins. */
  private record Fix(Pattern pointer, String how) {}

  private static final List<Fix> FIXES =
      List.of(
          new Fix(
              Pattern.compile("/spec/gitops/repoURL"),
              "give ArgoCD read access with a repository Secret labelled argocd.argoproj.io/secret-type: repository or"
                  + " repo-creds, or argocd repo add, outside the tree; maia:push logs in with maia.git.tokenEnv or maia.git.sshKey"),
          new Fix(
              Pattern.compile("/spec/catalog/[^/]+/repoURL"),
              "give ArgoCD access to the chart repository with a repository Secret labelled"
                  + " argocd.argoproj.io/secret-type: repository or repo-creds, or argocd repo add, outside the tree"),
          new Fix(
              Pattern.compile("/spec/clusters/[0-9]+/server"),
              "ArgoCD logs in to the cluster with the bearerToken it reads from the store entry credentials.secretKey"),
          new Fix(
              Pattern.compile("/spec(/clusters/[0-9]+)?/core/secrets/storeProvider/.*"),
              "External Secrets reads the store's login from a Secret reference in the provider's auth section, such as"
                  + " auth.tokenSecretRef"),
          new Fix(Pattern.compile("/spec/identity/issuer"), "an OIDC issuer is public and takes no login"),
          new Fix(Pattern.compile("/spec/argocd/url"), "ArgoCD's address takes no login; people log in through the OIDC issuer"),
          new Fix(
              Pattern.compile("/spec(/clusters/[0-9]+)?/core/certManager/issuer/acme/server"),
              "an ACME directory takes no login; cert-manager registers with an account key of its own"));

  private static final String DEFAULT_FIX = "keep the credential in the secret store that spec.secrets names; the platform only references it";

  /** Every string of {@code document} that holds a URL with credentials, one problem each. */
  public List<Problem> check(JsonNode document, SourceMap sources) {
    record Frame(JsonNode node, String pointer) {}
    List<Problem> problems = new ArrayList<>();
    int count = 0;
    Deque<Frame> stack = new ArrayDeque<>();
    stack.push(new Frame(document, ""));
    while (!stack.isEmpty()) {
      Frame frame = stack.pop();
      JsonNode node = frame.node();
      if (node.isObject()) {
        for (Map.Entry<String, JsonNode> field : node.properties()) {
          stack.push(new Frame(field.getValue(), frame.pointer() + "/" + Pointers.escape(field.getKey())));
        }
      } else if (node.isArray()) {
        for (int i = 0; i < node.size(); i++) {
          stack.push(new Frame(node.get(i), frame.pointer() + "/" + i));
        }
      } else if (node.isTextual()) {
        String text = node.textValue();
        Optional<UrlCredentials.Found> found = UrlCredentials.find(text);
        if (found.isPresent() && ++count <= SchemaValidator.MAX_PROBLEMS) {
          problems.add(problem(frame.pointer(), text, found.get(), sources));
        }
      }
    }
    if (count > SchemaValidator.MAX_PROBLEMS) {
      problems.add(
          new Problem(
              sources.locate(""),
              "",
              (count - SchemaValidator.MAX_PROBLEMS) + " more URLs with credentials are not shown",
              "fix the " + SchemaValidator.MAX_PROBLEMS + " shown and run again"));
    }
    return problems;
  }

  private static Problem problem(String pointer, String text, UrlCredentials.Found found, SourceMap sources) {
    String message = found.password()
        ? SchemaWords.quote(text) + " holds a user name and password before its host; they would be copied into the generated tree"
        : SchemaWords.quote(text) + " holds a login before its host (for " + found.scheme() + ", often a token); it would be"
            + " copied into the generated tree";
    boolean oneUrl = text.strip().chars().noneMatch(Character::isWhitespace);
    String write = oneUrl ? "write " + SchemaWords.quote(UrlCredentials.strip(text.strip())) : "remove the credentials from the URL";
    return new Problem(sources.locate(pointer), pointer, message, write + "; " + fix(pointer));
  }

  private static String fix(String pointer) {
    for (Fix fix : FIXES) {
      if (fix.pointer().matcher(pointer).matches()) {
        return fix.how();
      }
    }
    return DEFAULT_FIX;
  }
}
