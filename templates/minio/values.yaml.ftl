<#-- MinIO (official chart) for one project: one bucket and the console, standalone.
     Root credentials come from the existing Secret secrets.minio.root (keys rootUser, rootPassword);
     the workspaces' user gets its secret key from secrets.minio.workspace (key secretKey), so no
     credential is written here. -->
mode: standalone
existingSecret: ${secrets.minio.root}
users:
  - accessKey: ${minio.workspaceUser}
    existingSecret: ${secrets.minio.workspace}
    existingSecretKey: secretKey
    policy: readwrite
buckets:
  - name: ${minio.bucket}
    policy: none
    purge: false
persistence:
  enabled: true
  size: ${volumes.data}
  # the data stays when MinIO is removed (its Application deletes the rest)
  annotations:
    argocd.argoproj.io/sync-options: Delete=false
<#if storage.defaultClass?has_content>
  storageClass: ${storage.defaultClass}
</#if>
resources:
  requests:
    memory: 1Gi
environment:
  MINIO_BROWSER_REDIRECT_URL: ${urls.minio}
# no console Ingress of the chart's: the console's Ingress leads to its login proxy (the catalog's login)
