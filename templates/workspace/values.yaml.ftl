<#-- JupyterHub (zero-to-jupyterhub chart) values for one project on one cluster.
     Every ${...} is written as a quoted YAML string; numbers and booleans use ?c?no_esc.
     The model is described in docs/tools.md. -->
<#assign interfaces = tool.vscode!false || tool.rstudio!false || tool.matlab!false>
<#-- The name of each user's home volume (storage.dynamic.volumeNameTemplate), by which the chart
     keys the home mount among KubeSpawner's volume_mounts -->
<#assign homeVolume = "volume-{user_server}">
<#-- Each choice mounts the home volume at its image's home: KubeSpawner merges a mapping in
     kubespawner_override into its own, so this moves the home mount and keeps every other mount.
     Every choice sets it: the hub keeps a spawner whose start failed, with the last choice's mount -->
<#macro homeMount image>
<#if image.home??>
                volume_mounts:
                  ${homeVolume}:
                    mountPath: ${image.home}
</#if>
</#macro>
<#macro interfaceOptions>
      profile_options:
        interface:
          display_name: Interface
          choices:
            jupyterlab:
              display_name: JupyterLab
              default: true
              kubespawner_override:
                image: ${images.jupyterlab.ref}
<@homeMount images.jupyterlab/>
<#if tool.vscode!false>
            vscode:
              display_name: VS Code
              kubespawner_override:
                image: ${images.vscode.ref}
                default_url: /vscode
<@homeMount images.vscode/>
</#if>
<#if tool.rstudio!false>
            rstudio:
              display_name: RStudio
              kubespawner_override:
                image: ${images.rstudio.ref}
                default_url: /rstudio
<@homeMount images.rstudio/>
</#if>
<#if tool.matlab!false>
            matlab:
              display_name: MATLAB (bring your own licence)
              kubespawner_override:
                image: ${images.matlab.ref}
                default_url: /matlab
<@homeMount images.matlab/>
</#if>
</#macro>
hub:
  db:
    pvc:
      # the hub's database stays when the workspace is removed (its Application deletes the rest)
      annotations:
        argocd.argoproj.io/sync-options: Delete=false
  # the cookie secret and the crypt keys of auth state, from the secret store; the chart reads them
  # from this Secret before its own (the proxy token it keeps itself: see chartMade in the catalog)
  existingSecret: ${secrets.workspace.hub}
  config:
    JupyterHub:
      authenticator_class: generic-oauth
    KubeSpawner:
      slug_scheme: escape
    GenericOAuthenticator:
      client_id: ${oidc.clientId}
      oauth_callback_url: ${urls.workspace + "hub/oauth_callback"}
      authorize_url: ${oidc.authorizeUrl}
      token_url: ${oidc.tokenUrl}
      userdata_url: ${oidc.userdataUrl}
      login_service: MAIA
      username_claim: email
      claim_groups_key: groups
      scope: [openid, email, profile]
      allowed_groups: [${project.group}]
      admin_groups: [${identity.adminGroup}]
  extraEnv:
    OAUTH_CLIENT_SECRET:
      valueFrom:
        secretKeyRef:
          name: ${secrets.workspace.oidc}
          key: client-secret
  networkPolicy:
    enabled: true
    # Egress only as the namespace's own policies allow it (DNS, the OIDC issuer, HPC hosts), and DNS
    # in kube-system: the chart's rules would open the cloud metadata server and every address.
    egressAllowRules:
      cloudMetadataServer: false
      dnsPortsCloudMetadataServer: false
      dnsPortsKubeSystemNamespace: true
      dnsPortsPrivateIPs: false
      nonPrivateIPs: false
      privateIPs: false
    # The hub starts and watches user pods through the Kubernetes API server. Pods reach it at a
    # private address (the endpoint behind the kubernetes Service, which network policies see after
    # the Service is resolved), on 443 or 6443; the chart's privateIPs rule would open every port.
    egress:
      - to:
          - ipBlock: {cidr: 10.0.0.0/8}
          - ipBlock: {cidr: 172.16.0.0/12}
          - ipBlock: {cidr: 192.168.0.0/16}
        ports:
          - {port: 443, protocol: TCP}
          - {port: 6443, protocol: TCP}
<#if gpuHubConfig??>
  extraConfig: ${gpuHubConfig}
</#if>
  # tools.workspace.activeServerLimit, else one per user and admin: as many servers as validation
  # fitted into the project's resources
  activeServerLimit: ${activeServerLimit?c?no_esc}
proxy:
  # the proxy is the workspace's login (JupyterHub's own OIDC): the one pod of it the ingress
  # controller may reach
  labels:
    maia.dev/login-gate: "true"
  service:
    type: ClusterIP
  chp:
    networkPolicy:
      enabled: true
      egressAllowRules:
        cloudMetadataServer: false
        dnsPortsCloudMetadataServer: false
        dnsPortsKubeSystemNamespace: true
        dnsPortsPrivateIPs: false
        nonPrivateIPs: false
        privateIPs: false
# no image-pulling DaemonSets in project namespaces: they run on every node, without resources
prePuller:
  hook:
    enabled: false
  continuous:
    enabled: false
ingress:
  enabled: true
  ingressClassName: ${ingress.className}
<#if ingress.annotations?has_content>
  annotations:
<#list ingress.annotations as key, value>
    ${key}: ${value}
</#list>
</#if>
  hosts: [${ingress.host}]
  pathType: ${ingress.pathType}
  tls:
    - hosts: [${ingress.host}]
      secretName: ${ingress.tlsSecret}
scheduling:
  userScheduler:
    enabled: false
cull:
  enabled: true
  timeout: 3600
  every: 600
singleuser:
  serviceAccountName: ${project.serviceAccount}
  allowPrivilegeEscalation: false
  image:
    name: ${images.jupyterlab.repository}
    tag: ${images.jupyterlab.tag}
  extraLabels:
    # KubeSpawner expands {username} with the slug scheme above; SSH Services select this label.
    maia.dev/workspace-user: "{username}"
  # Blocking the metadata server with iptables needs a privileged root init container with
  # NET_ADMIN, which the namespace's Pod Security (baseline) refuses; network policy closes it.
  cloudMetadata:
    blockWithIptables: false
  networkPolicy:
    enabled: true
    egressAllowRules:
      cloudMetadataServer: false
      dnsPortsCloudMetadataServer: false
      dnsPortsKubeSystemNamespace: true
      dnsPortsPrivateIPs: false
      nonPrivateIPs: false
      privateIPs: false
<#if tool.ssh!false>
    allowedIngressPorts: [2022]
</#if>
<#if endpoints?has_content>
  extraEnv:
<#if endpoints.mlflowTracking??>
    MLFLOW_TRACKING_URI: ${endpoints.mlflowTracking}
</#if>
<#if endpoints.minioS3??>
    MLFLOW_S3_ENDPOINT_URL: ${endpoints.minioS3}
    AWS_ENDPOINT_URL: ${endpoints.minioS3}
</#if>
<#if endpoints.orthancDicomWeb??>
    ORTHANC_DICOMWEB_URL: ${endpoints.orthancDicomWeb}
</#if>
<#if endpoints.monaiLabel??>
    MONAI_LABEL_URL: ${endpoints.monaiLabel}
</#if>
<#-- the tools' credentials, as references to the Secrets the tools read themselves -->
<#if secrets.mlflow??>
    MLFLOW_TRACKING_USERNAME:
      valueFrom:
        secretKeyRef: {name: ${secrets.mlflow.admin}, key: username}
    MLFLOW_TRACKING_PASSWORD:
      valueFrom:
        secretKeyRef: {name: ${secrets.mlflow.admin}, key: password}
</#if>
<#if secrets.minio??>
    AWS_ACCESS_KEY_ID: ${minio.workspaceUser}
    AWS_SECRET_ACCESS_KEY:
      valueFrom:
        secretKeyRef: {name: ${secrets.minio.workspace}, key: secretKey}
</#if>
<#if secrets.orthanc??>
    ORTHANC_USERNAME: maia
    ORTHANC_PASSWORD:
      valueFrom:
        secretKeyRef: {name: ${secrets.orthanc.http}, key: password}
</#if>
</#if>
  # one user server (tools.workspace.server); the project's resources are the namespace's totals
  cpu:
    guarantee: ${server.cpuRequest?c?no_esc}
    limit: ${server.cpuLimit?c?no_esc}
  memory:
    guarantee: ${server.memoryRequest?c?no_esc}
    limit: ${server.memoryLimit?c?no_esc}
  storage:
    type: dynamic
    # the home of the default image's user; choices whose image has another home move the mount
    homeMountPath: ${images.jupyterlab.home}
    capacity: ${volumes.home}
    dynamic:
      volumeNameTemplate: ${homeVolume}
<#if storage.defaultClass?has_content>
      storageClass: ${storage.defaultClass}
</#if>
<#if storage.sharedClaim?has_content || hpc?has_content>
    extraVolumes:
<#if storage.sharedClaim?has_content>
      - name: shared
        persistentVolumeClaim:
          claimName: ${storage.sharedClaim}
</#if>
<#-- per person, the names hold KubeSpawner's {username}: each user's pod mounts its own account's
     settings and key, and starts without them (optional) when the user has no account -->
<#list hpc as system>
      - name: ${system.configVolume}
        configMap:
          name: ${system.configMap}
<#if system.optional>
          optional: true
</#if>
      - name: ${system.sshVolume}
        secret:
          secretName: ${system.secret}
          defaultMode: 288
<#if system.optional>
          optional: true
</#if>
</#list>
    extraVolumeMounts:
<#if storage.sharedClaim?has_content>
      - name: shared
        mountPath: /home/shared
</#if>
<#list hpc as system>
      - name: ${system.configVolume}
        mountPath: ${system.configDir}
        readOnly: true
      - name: ${system.sshVolume}
        mountPath: ${system.sshDir}
        readOnly: true
</#list>
</#if>
  profileList:
    - display_name: CPU only
      slug: cpu
      default: true
<#if interfaces><@interfaceOptions/></#if>
<#list gpuProfiles as profile>
    - ${profile}
</#list>
<#if tool.desktop!false>
    - display_name: Remote desktop
      slug: desktop
      kubespawner_override:
        image: ${images.desktop.ref}
        default_url: /desktop
        volume_mounts:
          ${homeVolume}:
            mountPath: ${images.desktop.home}
</#if>
<#if gpuCustom??>
custom: ${gpuCustom}
</#if>
