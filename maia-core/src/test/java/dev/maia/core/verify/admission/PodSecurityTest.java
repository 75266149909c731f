package dev.maia.core.verify.admission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.maia.core.verify.admission.PodSecurity.Level;
import dev.maia.core.verify.admission.PodSecurity.Violation;
import java.io.UncheckedIOException;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Each check of the Pod Security Standards fails on a pod made to break it and passes on the same
 * pod fixed; restricted checks start from a pod that meets restricted, so the one change is the only
 * violation.
 */
class PodSecurityTest {

  private static final YAMLMapper YAML = new YAMLMapper();

  /** Meets restricted: non-root, RuntimeDefault seccomp at pod level, no escalation, drops ALL. */
  private static final String RESTRICTED_POD = """
      spec:
        securityContext:
          runAsNonRoot: true
          seccompProfile:
            type: RuntimeDefault
        containers:
          - name: app
            image: app:1
            securityContext:
              allowPrivilegeEscalation: false
              capabilities:
                drop: [ALL]
      """;

  /** The cloud-metadata blocker the zero-to-jupyterhub chart adds to every user pod. */
  private static final String Z2JH_POD = """
      spec:
        initContainers:
          - name: block-cloud-metadata
            image: jupyterhub/k8s-network-tools:4.0.0
            securityContext:
              privileged: true
              runAsUser: 0
              capabilities:
                add: [NET_ADMIN]
        containers:
          - name: notebook
            image: quay.io/jupyter/base-notebook:latest
            securityContext:
              runAsUser: 1000
              allowPrivilegeEscalation: false
      """;

  private static JsonNode pod(String yaml) {
    try {
      return YAML.readTree(yaml);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<Violation> check(String yaml, Level level) {
    JsonNode pod = pod(yaml);
    return PodSecurity.check(pod.path("metadata"), pod.path("spec"), level);
  }

  private static List<String> checks(String yaml, Level level) {
    return check(yaml, level).stream().map(Violation::check).toList();
  }

  /** {@link #RESTRICTED_POD} with a line added to its container's security context. */
  private static String restrictedWith(String securityContextLine) {
    return RESTRICTED_POD.replace("allowPrivilegeEscalation: false", "allowPrivilegeEscalation: false\n        " + securityContextLine);
  }

  @Test
  void aRestrictedPodMeetsEveryLevel() {
    // given
    String pod = RESTRICTED_POD;

    // when
    List<Violation> restricted = check(pod, Level.RESTRICTED);
    List<Violation> baseline = check(pod, Level.BASELINE);

    // then
    assertThat(restricted).isEmpty();
    assertThat(baseline).isEmpty();
  }

  @Test
  void aPodWithNothingSetMeetsBaselineButNotRestricted() {
    // given
    String pod = """
        spec:
          containers:
            - name: app
              image: app:1
        """;

    // when
    List<Violation> baseline = check(pod, Level.BASELINE);
    List<Violation> restricted = check(pod, Level.RESTRICTED);

    // then
    assertThat(baseline).isEmpty();
    assertThat(restricted)
        .extracting(Violation::check, Violation::level, Violation::field)
        .containsExactly(
            tuple("allowPrivilegeEscalation", Level.RESTRICTED,
                "spec.containers[app].securityContext.allowPrivilegeEscalation"),
            tuple("capabilities_restricted", Level.RESTRICTED,
                "spec.containers[app].securityContext.capabilities.drop"),
            tuple("runAsNonRoot", Level.RESTRICTED,
                "spec.containers[app].securityContext.runAsNonRoot"),
            tuple("seccompProfile_restricted", Level.RESTRICTED,
                "spec.containers[app].securityContext.seccompProfile.type"));
  }

  @Test
  void theJupyterHubMetadataBlockerFailsBaselineAsPrivilegedWithNonDefaultCapabilities() {
    // given
    String pod = Z2JH_POD;

    // when
    List<Violation> baseline = check(pod, Level.BASELINE);

    // then
    assertThat(baseline).containsExactly(
        new Violation(Level.BASELINE, "capabilities_baseline",
            "spec.initContainers[block-cloud-metadata].securityContext.capabilities.add",
            "container \"block-cloud-metadata\" must not include \"NET_ADMIN\" in securityContext.capabilities.add"),
        new Violation(Level.BASELINE, "privileged",
            "spec.initContainers[block-cloud-metadata].securityContext.privileged",
            "container \"block-cloud-metadata\" must not set securityContext.privileged=true"));
  }

  @Test
  void atRestrictedTheMetadataBlockerAlsoRunsAsRootAndBaselineChecksKeepTheirLevel() {
    // given
    String pod = Z2JH_POD;

    // when
    List<Violation> restricted = check(pod, Level.RESTRICTED);

    // then
    assertThat(restricted).extracting(Violation::check).contains("privileged", "runAsUser", "capabilities_restricted")
        .doesNotContain("capabilities_baseline");
    assertThat(restricted).filteredOn(v -> v.check().equals("privileged")).extracting(Violation::level)
        .containsExactly(Level.BASELINE);
    assertThat(restricted).filteredOn(v -> v.check().equals("runAsUser")).extracting(Violation::message)
        .containsExactly("container \"block-cloud-metadata\" must not set runAsUser=0");
  }

  @Test
  void privilegedAdmitsAnything() {
    // given
    String pod = Z2JH_POD;

    // when
    List<Violation> privileged = check(pod, Level.PRIVILEGED);

    // then
    assertThat(check(pod, Level.BASELINE)).isNotEmpty();
    assertThat(privileged).isEmpty();
  }

  @Test
  void levelsAreReadFromNamespaceLabelValues() {
    assertThat(Level.of("privileged")).contains(Level.PRIVILEGED);
    assertThat(Level.of("baseline")).contains(Level.BASELINE);
    assertThat(Level.of("restricted")).contains(Level.RESTRICTED);
    assertThat(Level.of("Restricted")).isEmpty();
    assertThat(Level.of("")).isEmpty();
  }

  @Nested
  class Baseline {

    @Test
    void privilegedContainersFailInEveryContainerList() {
      // given
      String pod = """
          spec:
            initContainers:
              - {name: init, securityContext: {privileged: true}}
            containers:
              - {name: app, securityContext: {privileged: false}}
            ephemeralContainers:
              - {name: debug, securityContext: {privileged: true}}
          """;

      // when
      List<Violation> violations = check(pod, Level.BASELINE);

      // then
      assertThat(violations).extracting(Violation::field).containsExactly(
          "spec.initContainers[init].securityContext.privileged",
          "spec.ephemeralContainers[debug].securityContext.privileged");
      assertThat(violations).extracting(Violation::check).containsOnly("privileged");
    }

    @Test
    void unprivilegedContainersPass() {
      assertThat(check("""
          spec:
            containers:
              - {name: app, securityContext: {privileged: false}}
          """, Level.BASELINE)).isEmpty();
    }

    @Test
    void hostNamespacesFail() {
      // given
      String pod = """
          spec:
            hostNetwork: true
            hostPID: true
            hostIPC: true
            containers: [{name: app}]
          """;

      // when
      List<Violation> violations = check(pod, Level.BASELINE);

      // then
      assertThat(violations).extracting(Violation::field).containsExactly("spec.hostNetwork", "spec.hostPID", "spec.hostIPC");
      assertThat(violations.get(0).message()).isEqualTo("host namespaces (hostNetwork=true)");
      assertThat(violations).extracting(Violation::check).containsOnly("hostNamespaces");
    }

    @Test
    void hostNamespacesSetToFalsePass() {
      assertThat(check("""
          spec:
            hostNetwork: false
            hostPID: false
            hostIPC: false
            containers: [{name: app}]
          """, Level.BASELINE)).isEmpty();
    }

    @Test
    void hostPathVolumesFail() {
      assertThat(check("""
          spec:
            containers: [{name: app}]
            volumes:
              - {name: docker, hostPath: {path: /var/run/docker.sock}}
          """, Level.BASELINE)).containsExactly(
          new Violation(Level.BASELINE, "hostPathVolumes", "spec.volumes[docker].hostPath",
              "hostPath volumes (volume \"docker\")"));
    }

    @Test
    void otherVolumesPassBaseline() {
      assertThat(check("""
          spec:
            containers: [{name: app}]
            volumes:
              - {name: scratch, emptyDir: {}}
              - {name: shared, nfs: {server: nfs.local, path: /export}}
          """, Level.BASELINE)).isEmpty();
    }

    @Test
    void hostPortsFail() {
      assertThat(check("""
          spec:
            containers:
              - name: app
                ports:
                  - {containerPort: 80}
                  - {containerPort: 8080, hostPort: 8080}
          """, Level.BASELINE)).containsExactly(
          new Violation(Level.BASELINE, "hostPorts", "spec.containers[app].ports[1].hostPort",
              "container \"app\" uses hostPort 8080"));
    }

    @Test
    void hostPortZeroPasses() {
      assertThat(check("""
          spec:
            containers:
              - name: app
                ports: [{containerPort: 80, hostPort: 0}]
          """, Level.BASELINE)).isEmpty();
    }

    @Test
    void capabilitiesBeyondTheDefaultSetFail() {
      assertThat(check("""
          spec:
            containers:
              - name: app
                securityContext:
                  capabilities:
                    add: [SYS_ADMIN, CHOWN, NET_RAW]
          """, Level.BASELINE)).containsExactly(
          new Violation(Level.BASELINE, "capabilities_baseline", "spec.containers[app].securityContext.capabilities.add",
              "container \"app\" must not include \"NET_RAW\", \"SYS_ADMIN\" in securityContext.capabilities.add"));
    }

    @Test
    void capabilitiesFromTheDefaultSetPass() {
      assertThat(check("""
          spec:
            containers:
              - name: app
                securityContext:
                  capabilities:
                    add: [NET_BIND_SERVICE, CHOWN, SETUID, SYS_CHROOT]
          """, Level.BASELINE)).isEmpty();
    }

    @Test
    void probeAndLifecycleHostsFail() {
      assertThat(check("""
          spec:
            containers:
              - name: app
                livenessProbe:
                  httpGet: {host: 169.254.169.254, path: /, port: 80}
                lifecycle:
                  preStop:
                    tcpSocket: {host: 10.0.0.1, port: 22}
          """, Level.BASELINE)).extracting(Violation::check, Violation::field, Violation::message).containsExactly(
          tuple("hostProbesAndHostLifecycle", "spec.containers[app].livenessProbe.httpGet.host",
              "container \"app\" uses probe or lifecycle host \"169.254.169.254\""),
          tuple("hostProbesAndHostLifecycle",
              "spec.containers[app].lifecycle.preStop.tcpSocket.host",
              "container \"app\" uses probe or lifecycle host \"10.0.0.1\""));
    }

    @Test
    void probesWithoutHostPass() {
      assertThat(check("""
          spec:
            containers:
              - name: app
                readinessProbe:
                  httpGet: {host: "", path: /ready, port: 8080}
                startupProbe:
                  tcpSocket: {port: 8080}
          """, Level.BASELINE)).isEmpty();
    }

    @Test
    void unmaskedProcMountFails() {
      assertThat(check("""
          spec:
            containers:
              - {name: app, securityContext: {procMount: Unmasked}}
          """, Level.BASELINE)).containsExactly(
          new Violation(Level.BASELINE, "procMount", "spec.containers[app].securityContext.procMount",
              "container \"app\" must not set securityContext.procMount to \"Unmasked\""));
    }

    @Test
    void defaultProcMountPassesAndAUserNamespaceRelaxesBaselineOnly() {
      // given
      String defaultMount = """
          spec:
            containers:
              - {name: app, securityContext: {procMount: Default}}
          """;
      String userNamespace = restrictedWith("procMount: Unmasked").replace("spec:\n", "spec:\n  hostUsers: false\n");

      // when
      List<Violation> defaultViolations = check(defaultMount, Level.BASELINE);

      // then
      assertThat(defaultViolations).isEmpty();
      assertThat(checks(userNamespace, Level.BASELINE)).isEmpty();
      assertThat(checks(userNamespace, Level.RESTRICTED)).containsExactly("procMount_restricted");
    }

    @Test
    void forbiddenSeLinuxOptionsFailAtPodAndContainer() {
      assertThat(check("""
          spec:
            securityContext:
              seLinuxOptions: {type: spc_t}
            containers:
              - name: app
                securityContext:
                  seLinuxOptions: {user: system_u, role: system_r, level: "s0:c123,c456"}
          """, Level.BASELINE)).containsExactly(
          new Violation(Level.BASELINE, "seLinuxOptions", "spec.securityContext.seLinuxOptions",
              "pod set forbidden securityContext.seLinuxOptions: type \"spc_t\""),
          new Violation(Level.BASELINE, "seLinuxOptions", "spec.containers[app].securityContext.seLinuxOptions",
              "container \"app\" set forbidden securityContext.seLinuxOptions: user may not be set; role may not be set"));
    }

    @Test
    void allowedSeLinuxTypesAndLevelsPass() {
      assertThat(check("""
          spec:
            securityContext:
              seLinuxOptions: {type: container_engine_t, level: "s0:c1,c2"}
            initContainers:
              - {name: init, securityContext: {seLinuxOptions: {type: container_init_t}}}
            containers:
              - {name: app, securityContext: {seLinuxOptions: {type: container_t}}}
          """, Level.BASELINE)).isEmpty();
    }

    @Test
    void unconfinedSeccompFails() {
      assertThat(check("""
          spec:
            securityContext:
              seccompProfile: {type: Unconfined}
            containers: [{name: app}]
          """, Level.BASELINE)).containsExactly(
          new Violation(Level.BASELINE, "seccompProfile_baseline", "spec.securityContext.seccompProfile.type",
              "pod must not set securityContext.seccompProfile.type to \"Unconfined\""));
    }

    @Test
    void runtimeDefaultLocalhostOrNoSeccompPasses() {
      assertThat(check("""
          spec:
            securityContext:
              seccompProfile: {type: Localhost, localhostProfile: profiles/audit.json}
            containers:
              - {name: app, securityContext: {seccompProfile: {type: RuntimeDefault}}}
              - {name: sidecar}
          """, Level.BASELINE)).isEmpty();
    }

    @Test
    void unsafeSysctlsFail() {
      assertThat(check("""
          spec:
            securityContext:
              sysctls:
                - {name: net.ipv4.tcp_rmem, value: "4096 87380 6291456"}
                - {name: kernel.msgmax, value: "65536"}
                - {name: net.ipv4.tcp_slow_start_after_idle, value: "0"}
            containers: [{name: app}]
          """, Level.BASELINE)).extracting(Violation::check, Violation::field).containsExactly(
          tuple("sysctls", "spec.securityContext.sysctls[kernel.msgmax]"),
          tuple("sysctls", "spec.securityContext.sysctls[net.ipv4.tcp_slow_start_after_idle]"));
    }

    @Test
    void safeSysctlsPass() {
      assertThat(check("""
          spec:
            securityContext:
              sysctls:
                - {name: kernel.shm_rmid_forced, value: "0"}
                - {name: net.ipv4.ip_local_reserved_ports, value: "30000"}
                - {name: net.ipv4.tcp_keepalive_time, value: "600"}
                - {name: net.ipv4.tcp_wmem, value: "4096 16384 4194304"}
            containers: [{name: app}]
          """, Level.BASELINE)).isEmpty();
    }

    @Test
    void windowsHostProcessFails() {
      assertThat(check("""
          spec:
            securityContext:
              windowsOptions: {hostProcess: true}
            containers:
              - {name: app, securityContext: {windowsOptions: {hostProcess: true}}}
          """, Level.BASELINE)).extracting(Violation::check, Violation::message).containsExactly(
          tuple("windowsHostProcess",
              "pod must not set securityContext.windowsOptions.hostProcess=true"),
          tuple("windowsHostProcess",
              "container \"app\" must not set securityContext.windowsOptions.hostProcess=true"));
    }

    @Test
    void windowsWithoutHostProcessPasses() {
      assertThat(check("""
          spec:
            securityContext:
              windowsOptions: {hostProcess: false, runAsUserName: ContainerUser}
            containers: [{name: app}]
          """, Level.BASELINE)).isEmpty();
    }

    @Test
    void unconfinedAppArmorFailsInFieldsAndAnnotations() {
      assertThat(check("""
          metadata:
            annotations:
              container.apparmor.security.beta.kubernetes.io/app: unconfined
          spec:
            containers:
              - {name: app, securityContext: {appArmorProfile: {type: Unconfined}}}
          """, Level.BASELINE)).containsExactly(
          new Violation(Level.BASELINE, "appArmorProfile", "spec.containers[app].securityContext.appArmorProfile.type",
              "container \"app\" must not set AppArmor profile type to \"Unconfined\""),
          new Violation(Level.BASELINE, "appArmorProfile",
              "metadata.annotations[container.apparmor.security.beta.kubernetes.io/app]",
              "annotation must not set AppArmor profile type to "
                  + "container.apparmor.security.beta.kubernetes.io/app=\"unconfined\""));
    }

    @Test
    void defaultOrLocalhostAppArmorPasses() {
      assertThat(check("""
          metadata:
            annotations:
              container.apparmor.security.beta.kubernetes.io/app: runtime/default
              container.apparmor.security.beta.kubernetes.io/sidecar: localhost/k8s-sidecar
          spec:
            securityContext:
              appArmorProfile: {type: RuntimeDefault}
            containers:
              - {name: app, securityContext: {appArmorProfile: {type: Localhost, localhostProfile: k8s-app}}}
              - {name: sidecar}
          """, Level.BASELINE)).isEmpty();
    }
  }

  @Nested
  class Restricted {

    @Test
    void privilegeEscalationNotDisabledFails() {
      // given
      String pod = RESTRICTED_POD.replace("allowPrivilegeEscalation: false", "allowPrivilegeEscalation: true");

      // when
      List<Violation> violations = check(pod, Level.RESTRICTED);

      // then
      assertThat(violations).containsExactly(
          new Violation(Level.RESTRICTED, "allowPrivilegeEscalation",
              "spec.containers[app].securityContext.allowPrivilegeEscalation",
              "container \"app\" must set securityContext.allowPrivilegeEscalation=false"));
      assertThat(check(pod, Level.BASELINE)).isEmpty();
    }

    @Test
    void windowsPodsNeedNotSetEscalationCapabilitiesOrSeccomp() {
      // given
      String linux = """
          spec:
            securityContext:
              runAsNonRoot: true
            containers: [{name: app}]
          """;
      String windows = linux.replace("spec:\n", "spec:\n  os: {name: windows}\n");

      // when
      List<String> linuxChecks = checks(linux, Level.RESTRICTED);
      List<String> windowsChecks = checks(windows, Level.RESTRICTED);

      // then
      assertThat(linuxChecks).containsExactly("allowPrivilegeEscalation", "capabilities_restricted",
          "seccompProfile_restricted");
      assertThat(windowsChecks).isEmpty();
    }

    @Test
    void windowsPodsStillMustRunAsNonRoot() {
      assertThat(checks("""
          spec:
            os: {name: windows}
            containers: [{name: app}]
          """, Level.RESTRICTED)).containsExactly("runAsNonRoot");
    }

    @Test
    void capabilitiesMustDropAllAndAddAtMostNetBindService() {
      // given
      String pod = RESTRICTED_POD.replace("drop: [ALL]", "drop: [NET_RAW]\n          add: [NET_BIND_SERVICE, NET_ADMIN]");

      // when
      List<Violation> violations = check(pod, Level.RESTRICTED);

      // then
      assertThat(violations).extracting(Violation::field, Violation::message).containsExactly(
          tuple("spec.containers[app].securityContext.capabilities.drop",
              "container \"app\" must set securityContext.capabilities.drop=[\"ALL\"]"),
          tuple("spec.containers[app].securityContext.capabilities.add",
              "container \"app\" must not include \"NET_ADMIN\" in securityContext.capabilities.add"));
      assertThat(violations).extracting(Violation::check).containsOnly("capabilities_restricted");
    }

    @Test
    void droppingAllAndAddingNetBindServicePasses() {
      assertThat(check(RESTRICTED_POD.replace("drop: [ALL]", "drop: [ALL]\n          add: [NET_BIND_SERVICE]"),
          Level.RESTRICTED)).isEmpty();
    }

    @Test
    void onlyTheRestrictedVolumeSourcesPass() {
      // given
      String pod = RESTRICTED_POD + """
            volumes:
              - {name: config, configMap: {name: app}}
              - {name: token, projected: {sources: []}}
              - {name: data, persistentVolumeClaim: {claimName: data}}
              - {name: scratch, emptyDir: {}}
              - {name: tmp, ephemeral: {volumeClaimTemplate: {spec: {}}}}
              - {name: creds, secret: {secretName: app}}
              - {name: labels, downwardAPI: {items: []}}
              - {name: store, csi: {driver: secrets-store.csi.k8s.io}}
              - {name: model, image: {reference: models/llama:1}}
          """;

      // when
      List<Violation> violations = check(pod, Level.RESTRICTED);

      // then
      assertThat(violations).isEmpty();
    }

    @Test
    void otherVolumeSourcesFailAndHostPathFailsAsARestrictedVolume() {
      // given
      String pod = RESTRICTED_POD + """
            volumes:
              - {name: shared, nfs: {server: nfs.local, path: /export}}
              - {name: docker, hostPath: {path: /var/run/docker.sock}}
              - {name: nothing}
          """;

      // when
      List<Violation> violations = check(pod, Level.RESTRICTED);

      // then
      assertThat(violations).containsExactly(
          new Violation(Level.RESTRICTED, "restrictedVolumes", "spec.volumes[shared].nfs",
              "volume \"shared\" uses restricted volume type \"nfs\""),
          new Violation(Level.RESTRICTED, "restrictedVolumes", "spec.volumes[docker].hostPath",
              "volume \"docker\" uses restricted volume type \"hostPath\""),
          new Violation(Level.RESTRICTED, "restrictedVolumes", "spec.volumes[nothing]",
              "volume \"nothing\" uses restricted volume type \"unknown\""));
    }

    @Test
    void runAsNonRootMustBeTrueOnThePodOrEveryContainer() {
      // given
      String pod = """
          spec:
            securityContext:
              seccompProfile: {type: RuntimeDefault}
            initContainers:
              - name: init
                securityContext: {runAsNonRoot: true, allowPrivilegeEscalation: false, capabilities: {drop: [ALL]}}
            containers:
              - name: app
                securityContext: {allowPrivilegeEscalation: false, capabilities: {drop: [ALL]}}
          """;

      // when
      List<Violation> violations = check(pod, Level.RESTRICTED);

      // then
      assertThat(violations).containsExactly(
          new Violation(Level.RESTRICTED, "runAsNonRoot", "spec.containers[app].securityContext.runAsNonRoot",
              "pod or container \"app\" must set securityContext.runAsNonRoot=true"));
    }

    @Test
    void runAsNonRootSetOnEveryContainerPasses() {
      // given
      String pod = restrictedWith("runAsNonRoot: true").replace("    runAsNonRoot: true\n    seccompProfile", "    seccompProfile");

      // when
      List<Violation> violations = check(pod, Level.RESTRICTED);

      // then
      assertThat(pod).doesNotContain("  securityContext:\n    runAsNonRoot");
      assertThat(violations).isEmpty();
    }

    @Test
    void runAsNonRootFalseFailsEvenUnderAPodLevelTrue() {
      // given
      String containerFalse = restrictedWith("runAsNonRoot: false");
      String podFalse = RESTRICTED_POD.replace("runAsNonRoot: true", "runAsNonRoot: false");

      // when
      List<Violation> containerViolations = check(containerFalse, Level.RESTRICTED);
      List<Violation> podViolations = check(podFalse, Level.RESTRICTED);

      // then
      assertThat(containerViolations).extracting(Violation::message)
          .containsExactly("container \"app\" must not set securityContext.runAsNonRoot=false");
      assertThat(podViolations).extracting(Violation::field, Violation::message).containsExactly(
          tuple("spec.securityContext.runAsNonRoot",
              "pod must not set securityContext.runAsNonRoot=false"),
          tuple("spec.containers[app].securityContext.runAsNonRoot",
              "pod or container \"app\" must set securityContext.runAsNonRoot=true"));
    }

    @Test
    void aUserNamespaceRelaxesRunAsNonRootAndRunAsUser() {
      // given
      String root = RESTRICTED_POD.replace("runAsNonRoot: true", "runAsUser: 0");
      String userNamespace = root.replace("spec:\n", "spec:\n  hostUsers: false\n");

      // when
      List<String> hostChecks = checks(root, Level.RESTRICTED);
      List<String> userNamespaceChecks = checks(userNamespace, Level.RESTRICTED);

      // then
      assertThat(hostChecks).containsExactly("runAsNonRoot", "runAsUser");
      assertThat(userNamespaceChecks).isEmpty();
    }

    @Test
    void runAsUserZeroFails() {
      assertThat(check(RESTRICTED_POD.replace("runAsNonRoot: true", "runAsNonRoot: true\n    runAsUser: 0"),
          Level.RESTRICTED)).containsExactly(
          new Violation(Level.RESTRICTED, "runAsUser", "spec.securityContext.runAsUser", "pod must not set runAsUser=0"));
    }

    @Test
    void runAsUserNonZeroPasses() {
      assertThat(check(restrictedWith("runAsUser: 1000"), Level.RESTRICTED)).isEmpty();
    }

    @Test
    void seccompMustBeSetOnThePodOrEveryContainer() {
      // given
      String pod = """
          spec:
            securityContext:
              runAsNonRoot: true
            initContainers:
              - name: init
                securityContext:
                  allowPrivilegeEscalation: false
                  capabilities: {drop: [ALL]}
                  seccompProfile: {type: Localhost, localhostProfile: init.json}
            containers:
              - name: app
                securityContext:
                  allowPrivilegeEscalation: false
                  capabilities: {drop: [ALL]}
              - name: debug
                securityContext:
                  allowPrivilegeEscalation: false
                  capabilities: {drop: [ALL]}
                  seccompProfile: {type: Unconfined}
          """;

      // when
      List<Violation> violations = check(pod, Level.RESTRICTED);

      // then
      assertThat(violations).containsExactly(
          new Violation(Level.RESTRICTED, "seccompProfile_restricted",
              "spec.containers[debug].securityContext.seccompProfile.type",
              "container \"debug\" must not set securityContext.seccompProfile.type to \"Unconfined\""),
          new Violation(Level.RESTRICTED, "seccompProfile_restricted",
              "spec.containers[app].securityContext.seccompProfile.type",
              "pod or container \"app\" must set securityContext.seccompProfile.type to \"RuntimeDefault\" or \"Localhost\""));
    }

    @Test
    void seccompOnEveryContainerPassesWithoutAPodProfile() {
      // given
      String pod = restrictedWith("seccompProfile: {type: RuntimeDefault}")
          .replace("    seccompProfile:\n      type: RuntimeDefault\n", "");

      // when
      List<Violation> violations = check(pod, Level.RESTRICTED);

      // then
      assertThat(pod).doesNotContain("type: RuntimeDefault\n  containers");
      assertThat(violations).isEmpty();
    }

    @Test
    void ephemeralContainersAreHeldToRestrictedToo() {
      // given
      String pod = RESTRICTED_POD + """
            ephemeralContainers:
              - name: debugger
                image: busybox
          """;

      // when
      List<Violation> violations = check(pod, Level.RESTRICTED);

      // then
      assertThat(violations).extracting(Violation::field).containsExactly(
          "spec.ephemeralContainers[debugger].securityContext.allowPrivilegeEscalation",
          "spec.ephemeralContainers[debugger].securityContext.capabilities.drop");
    }
  }
}
