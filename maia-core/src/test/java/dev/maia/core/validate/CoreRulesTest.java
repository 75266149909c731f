package dev.maia.core.validate;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The core layer's settings fit each cluster: each way one does not is located at the setting that
 * decides it (the cluster's own core setting, else the platform's), with the fix.
 */
class CoreRulesTest {

  @TempDir Path dir;

  private java.util.List<String> check(String yaml) {
    return new RuleFixture(dir).check(new CoreRules(), yaml);
  }

  @Test
  void aClusterWhoseSettingsFitItsCorePasses() {
    // given
    String yaml = """
        spec:
          secrets: {store: {name: vault}}
          core:
            certManager: {issuer: {acme: {email: ops@example.org}}}
            secrets: {storeProvider: {vault: {server: https://vault.example.org}}}
          clusters:
            - name: a
              ingress: {className: nginx, clusterIssuer: letsencrypt}
              storage: {default: local-path, shared: nfs-client}
              core:
                storage:
                  default: {localPath: {}}
                  shared: {nfs: {server: nfs.example.org, path: /srv}}
            - name: b
              ingress: {className: haproxy}
              core: {ingress: {enabled: false}}
            - name: c
              ingress: {className: maia-core-traefik}
              core: {ingress: {controller: traefik}}
        """;

    // then
    assertThat(check(yaml)).isEmpty();
  }

  @Test
  void anIngressClassWithoutAControllerNeedsTheComponentSwitchedOff() {
    // when
    var problems = check("""
        spec:
          clusters:
            - name: a
              ingress: {className: haproxy}
        """);

    // then
    assertThat(problems).containsExactly(
        "platform.yaml:4:17 /spec/clusters/0/ingress/className: the core layer has no ingress controller for IngressClass"
            + " 'haproxy' of cluster 'a' (it has ingress-nginx for nginx and Traefik for traefik) (name the controller"
            + " (core.ingress.controller: ingress-nginx or traefik), or set core.ingress.enabled: false on the cluster when it"
            + " runs its own)");
  }

  @Test
  void anIssuerWithoutANameOrWithoutCertManagerIsLocatedWhereItIsWritten() {
    // when: the platform's issuer, for a cluster without a name (it has none: no finding); a
    // cluster's own issuer without a name; one without cert-manager
    var problems = check("""
        spec:
          core:
            certManager: {issuer: {selfSigned: {}}}
          clusters:
            - name: a
              ingress: {className: nginx}
              core: {certManager: {issuer: {selfSigned: {}}}}
            - name: b
              ingress: {className: nginx, clusterIssuer: ca}
              core: {certManager: {enabled: false, issuer: {ca: {secretName: ca}}}}
            - name: c
              ingress: {className: nginx}
        """);

    // then
    assertThat(problems).containsExactly(
        "platform.yaml:7:28 /spec/clusters/0/core/certManager/issuer: cluster 'a' names no ClusterIssuer for the core layer"
            + " to make (name it in ingress.clusterIssuer, such as clusterIssuer: letsencrypt)",
        "platform.yaml:10:44 /spec/clusters/1/core/certManager/issuer: the ClusterIssuer 'ca' needs cert-manager, which"
            + " core.certManager switches off on cluster 'b' (leave out the issuer, or switch cert-manager on)");
  }

  @Test
  void aStoreProviderNeedsExternalSecretsAndAClusterSecretStore() {
    // when
    var sealed = check("""
        spec:
          secrets: {provider: sealed-secrets}
          core: {secrets: {storeProvider: {vault: {}}}}
          clusters:
            - {name: a, ingress: {className: nginx}}
        """);
    var namespaced = check("""
        spec:
          secrets: {store: {kind: SecretStore, name: vault}}
          core: {secrets: {storeProvider: {vault: {}}}}
          clusters:
            - {name: a, ingress: {className: nginx}}
        """);

    // then
    assertThat(sealed).singleElement().asString().isEqualTo("platform.yaml:3:20 /spec/core/secrets/storeProvider: a"
        + " ClusterSecretStore is for External Secrets, but spec.secrets.provider is sealed-secrets (leave out storeProvider)");
    assertThat(namespaced).singleElement().asString().contains("spec.secrets.store is a SecretStore, one per namespace");
  }

  @Test
  void aProvisionerNeedsItsClassAndTheSharedClassNeedsNfs() {
    // when
    var problems = check("""
        spec:
          clusters:
            - name: a
              ingress: {className: nginx}
              storage: {shared: cephfs}
              core:
                storage:
                  default: {localPath: {}}
                  shared: {localPath: {}}
        """);

    // then
    assertThat(problems).containsExactly(
        "platform.yaml:8:11 /spec/clusters/0/core/storage/default: cluster 'a' names no storage.default class for the"
            + " provisioner to make (name it in storage.default, such as local-path)",
        "platform.yaml:9:11 /spec/clusters/0/core/storage/shared: the shared class 'cephfs' must be ReadWriteMany, which"
            + " node-local volumes (localPath) are not (give storage.shared an nfs provisioner)");
  }

  @Test
  void twoNfsProvisionersOnOneClusterAreRefused() {
    // when
    var problems = check("""
        spec:
          clusters:
            - name: a
              ingress: {className: nginx}
              storage: {default: nfs-a, shared: nfs-b}
              core:
                storage:
                  default: {nfs: {server: a.example.org, path: /a}}
                  shared: {nfs: {server: b.example.org, path: /b}}
        """);

    // then
    assertThat(problems).singleElement().asString().contains("asks for two NFS provisioners; the core layer runs one per cluster");
  }
}
