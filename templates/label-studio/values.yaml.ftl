<#-- Label Studio (HumanSignal chart) for one project: the chart's PostgreSQL, served under its path.
     The database password, the first admin's login and Django's secret key are references to
     existing Secrets. -->
global:
  pgConfig:
    host: label-studio-postgresql
    port: 5432
    userName: labelstudio
    password:
      secretName: ${secrets["label-studio"].database}
      secretKey: password
  extraEnvironmentVars:
    LABEL_STUDIO_HOST: ${ingress.url}
    LABEL_STUDIO_DISABLE_SIGNUP_WITHOUT_LINK: "true"
  extraEnvironmentSecrets:
    LABEL_STUDIO_USERNAME:
      secretName: ${secrets["label-studio"].admin}
      secretKey: username
    LABEL_STUDIO_PASSWORD:
      secretName: ${secrets["label-studio"].admin}
      secretKey: password
    SECRET_KEY:
      secretName: ${secrets["label-studio"].admin}
      secretKey: secret-key
  persistence:
    enabled: true
    type: volume
    config:
      volume:
        size: ${volumes.data}
        # the data stays when Label Studio is removed (its Application deletes the rest)
        annotations:
          argocd.argoproj.io/sync-options: Delete=false
<#if storage.defaultClass?has_content>
        storageClass: ${storage.defaultClass}
</#if>
postgresql:
  enabled: true
  auth:
    username: labelstudio
    database: labelstudio
    existingSecret: ${secrets["label-studio"].database}
  primary:
    # the chart's policy lets the database reach any address, and be reached from any pod of any
    # namespace (the ingress controller's too); it needs DNS and its own namespace, both ways
    networkPolicy:
      allowExternalEgress: false
      allowExternal: false
      ingressNSMatchLabels:
        kubernetes.io/metadata.name: ${project.namespace}
redis:
  enabled: false
# no Ingress of the chart's (app.ingress): the tool's Ingress leads to its login proxy (the catalog's login)
