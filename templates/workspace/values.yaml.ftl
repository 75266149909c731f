<#-- JupyterHub (zero-to-jupyterhub chart) values for one project on one cluster.
     Every ${...} is written as a quoted YAML string; numbers and booleans use ?c?no_esc.
     The model is described in docs/tools.md. -->
<#assign interfaces = tool.vscode!false || tool.rstudio!false || tool.matlab!false>
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
<#if tool.vscode!false>
            vscode:
              display_name: VS Code
              kubespawner_override:
                image: ${images.vscode.ref}
                default_url: /vscode
</#if>
<#if tool.rstudio!false>
            rstudio:
              display_name: RStudio
              kubespawner_override:
                image: ${images.rstudio.ref}
                default_url: /rstudio
</#if>
<#if tool.matlab!false>
            matlab:
              display_name: MATLAB (bring your own licence)
              kubespawner_override:
                image: ${images.matlab.ref}
                default_url: /matlab
</#if>
</#macro>
hub:
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
<#if gpuHubConfig??>
  extraConfig: ${gpuHubConfig}
</#if>
<#if tool.activeServerLimit??>
  activeServerLimit: ${tool.activeServerLimit?c?no_esc}
</#if>
proxy:
  service:
    type: ClusterIP
  chp:
    networkPolicy:
      enabled: true
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
  networkPolicy:
    enabled: true
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
  cpu:
    guarantee: ${resources.cpuRequest?c?no_esc}
    limit: ${resources.cpuLimit?c?no_esc}
  memory:
    guarantee: ${resources.memoryRequest?c?no_esc}
    limit: ${resources.memoryLimit?c?no_esc}
  storage:
    type: dynamic
    homeMountPath: /home/jovyan
    capacity: 10Gi
<#if storage.defaultClass?has_content>
    dynamic:
      storageClass: ${storage.defaultClass}
</#if>
<#if storage.sharedClaim?has_content || hpc?has_content>
    extraVolumes:
<#if storage.sharedClaim?has_content>
      - name: shared
        persistentVolumeClaim:
          claimName: ${storage.sharedClaim}
</#if>
<#list hpc as system>
      - name: ${system.configVolume}
        configMap:
          name: ${system.configMap}
      - name: ${system.sshVolume}
        secret:
          secretName: ${system.secret}
          defaultMode: 288
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
</#if>
<#if gpuCustom??>
custom: ${gpuCustom}
</#if>
