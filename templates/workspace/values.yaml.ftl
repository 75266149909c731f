<#-- JupyterHub (zero-to-jupyterhub chart) values for one project on one cluster.
     Every ${...} is written as a quoted YAML string; numbers and booleans use ?c?no_esc. -->
hub:
  config:
    JupyterHub:
      authenticator_class: generic-oauth
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
          name: ${secrets.oidc}
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
  ingressClassName: ${cluster.ingressClass}
<#if cluster.clusterIssuer?has_content>
  annotations:
    cert-manager.io/cluster-issuer: ${cluster.clusterIssuer}
</#if>
  hosts: [${host}]
  tls:
    - hosts: [${host}]
      secretName: ${project.name + "-workspace-tls"}
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
  networkPolicy:
    enabled: true
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
<#if cluster.defaultStorageClass?has_content>
    dynamic:
      storageClass: ${cluster.defaultStorageClass}
</#if>
  profileList:
    - display_name: CPU only
      slug: cpu
      default: true
<#list gpuProfiles as profile>
    - ${profile}
</#list>
<#if gpuCustom??>
custom: ${gpuCustom}
</#if>
