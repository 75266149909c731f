<#-- XNAT (Australian Imaging Service chart) for one project, on a host of its own (the chart serves
     from /). The database password is a reference to an existing Secret; the DICOM receiver stays
     inside the cluster (a NodePort would take a port outside the lock file's ranges). -->
global:
  postgresql:
    postgresqlDatabase: xnat
    postgresqlUsername: xnat
    existingSecret: ${secrets.xnat.database}
postgresql:
  enabled: true
  existingSecret: ${secrets.xnat.database}
  persistence:
    size: 8Gi
<#if storage.defaultClass?has_content>
    storageClass: ${storage.defaultClass}
</#if>
xnat-web:
  postgresql:
    postgresqlDatabase: xnat
    postgresqlUsername: xnat
    existingSecret:
      name: ${secrets.xnat.database}
      key: postgresql-password
  ingress:
    enabled: true
    ingressClassName: ${ingress.className}
<#if ingress.annotations?has_content>
    annotations:
<#list ingress.annotations as key, value>
      ${key}: ${value}
</#list>
</#if>
    hosts:
      - host: ${ingress.host}
    tls:
      - hosts: [${ingress.host}]
        secretName: ${ingress.tlsSecret}
  persistence:
    cache:
      accessMode: ReadWriteOnce
      mountPath: /data/xnat/cache
      size: 5Gi
<#if storage.defaultClass?has_content>
      storageClass: ${storage.defaultClass}
</#if>
  volumes:
    archive:
      mountPath: /data/xnat/archive
      size: 20Gi
<#if storage.sharedClass?has_content>
      accessMode: ReadWriteMany
      storageClass: ${storage.sharedClass}
<#else>
      accessMode: ReadWriteOnce
</#if>
    prearchive:
      mountPath: /data/xnat/prearchive
      size: 10Gi
<#if storage.sharedClass?has_content>
      accessMode: ReadWriteMany
      storageClass: ${storage.sharedClass}
<#else>
      accessMode: ReadWriteOnce
</#if>
  dicom_scp:
    serviceType: ClusterIP
    recievers:
      - ae_title: XNAT
        port: 8104
