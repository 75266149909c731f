package dev.maia.core.model;

import java.time.Duration;

/**
 * Every default of the platform contract, in one place. {@code schemas/platform.schema.json}
 * documents the same values (a test keeps the two equal).
 */
public final class Defaults {

  private Defaults() {}

  public static final String GITOPS_BRANCH = "gitops";
  public static final String GITOPS_PATH = "";
  public static final String ARGOCD_NAMESPACE = "argocd";
  public static final String ARGOCD_MODE = "applications";
  public static final String ADMIN_GROUP = "MAIA:admin";
  public static final String GROUP_PREFIX = "MAIA:";
  /** The stock image the identity Job runs keycloak-apply.py on: Python's standard library is all it needs. */
  public static final String APPLIER_IMAGE = "docker.io/library/python:3.13.1-alpine3.21";
  public static final String SECRETS_PROVIDER = "external-secrets";
  public static final String SECRET_STORE_KIND = "ClusterSecretStore";

  public static final String INGRESS_CLASS = "nginx";
  /** The Kubernetes version charts are rendered for: the one the bundled object schemas describe. */
  public static final String KUBERNETES_VERSION = "1.36";
  public static final int GPU_REPLICAS = 1;
  /** The ACME directory of a ClusterIssuer made by the core layer: Let's Encrypt. */
  public static final String ACME_SERVER = "https://acme-v02.api.letsencrypt.org/directory";
  /** How a GPU pool with more than one replica is shared. */
  public static final String GPU_SHARING = "time-slicing";
  /** Whether the GPU operator installs the NVIDIA driver. */
  public static final boolean GPU_DRIVER = false;
  /** The node folder of the local-path provisioner. */
  public static final String LOCAL_PATH = "/opt/local-path-provisioner";
  public static final int[] SSH_PORTS = {30000, 30999};
  public static final int[] DICOM_PORTS = {31000, 31099};

  public static final Duration MIN_DURATION = Duration.ofDays(1);
  public static final Duration MAX_DURATION = Duration.ofDays(14);
  public static final Duration COOLDOWN = Duration.ofDays(14);
  public static final int MAX_FUTURE_BOOKINGS = 1;
  public static final String SCHEDULING = "native";

  public static final String CPU_REQUEST = "1";
  public static final String CPU_LIMIT = "4";
  public static final String MEMORY_REQUEST = "4Gi";
  public static final String MEMORY_LIMIT = "16Gi";
  public static final String STORAGE = "50Gi";
  public static final int GPU_MAX_PER_WORKSPACE = 1;

  /** What one user server of a project's workspace gets ({@code tools.workspace.server}). */
  public static final String SERVER_CPU_REQUEST = "500m";
  public static final String SERVER_CPU_LIMIT = "2";
  public static final String SERVER_MEMORY_REQUEST = "1Gi";
  public static final String SERVER_MEMORY_LIMIT = "4Gi";

  public static final int HPC_PORT = 22;
  /** The store key of an HPC system's SSH credentials is this prefix and its name, unless given. */
  public static final String HPC_SECRET_KEY_PREFIX = "hpc/";
}
