<#-- MinIO (official chart) for one project: one bucket and the console, standalone.
     Root credentials come from the existing Secret secrets.minio.root (keys rootUser, rootPassword);
     the chart's example user is removed, so no credential is written here. -->
mode: standalone
replicas: 1
existingSecret: ${secrets.minio.root}
users: []
buckets:
  - name: ${minio.bucket}
    policy: none
    purge: false
persistence:
  enabled: true
  size: ${tool.size!"10Gi"}
<#if storage.defaultClass?has_content>
  storageClass: ${storage.defaultClass}
</#if>
resources:
  requests:
    memory: 1Gi
environment:
  MINIO_BROWSER_REDIRECT_URL: ${urls.minio}
consoleIngress:
  enabled: true
  ingressClassName: ${ingress.className}
<#if ingress.annotations?has_content>
  annotations:
<#list ingress.annotations as key, value>
    ${key}: ${value}
</#list>
</#if>
  path: ${ingress.path}
  hosts: [${ingress.host}]
  tls:
    - hosts: [${ingress.host}]
      secretName: ${ingress.tlsSecret}
