<#-- XNAT (Australian Imaging Service chart 2.x) for one project, on a host of its own (the chart
     serves from /). XNAT and the chart's PostgreSQL read the database passwords from the existing
     Secret secrets.xnat.database (keys postgresql-password for user xnat, postgresql-postgres-password
     for the superuser); the DICOM receiver stays inside the cluster (a NodePort would take a port
     outside the lock file's ranges). The chart makes the admin's first password itself: see
     chartMade in the catalog. -->
global:
  postgresql:
    auth:
      username: xnat
      database: xnat
      existingSecret: ${secrets.xnat.database}
      secretKeys:
        userPasswordKey: postgresql-password
        adminPasswordKey: postgresql-postgres-password
postgresql:
  enabled: true
  primary:
    # the chart's policy lets the database reach any address, and be reached from any pod of any
    # namespace (the ingress controller's too); it needs DNS and its own namespace, both ways
    networkPolicy:
      allowExternalEgress: false
      allowExternal: false
      ingressNSMatchLabels:
        kubernetes.io/metadata.name: ${project.namespace}
    persistence:
      size: ${volumes.database}
<#if storage.defaultClass?has_content>
      storageClass: ${storage.defaultClass}
</#if>
xnat-web:
  # no Ingress of the chart's: the tool's Ingress leads to its login proxy (the catalog's login)
  persistence:
    cache:
      accessMode: ReadWriteOnce
      mountPath: /data/xnat/cache
      size: ${volumes.cache}
<#if storage.defaultClass?has_content>
      storageClass: ${storage.defaultClass}
</#if>
  # the archive and the prearchive are claims the tree makes (the chart cannot mark its own to be
  # kept): removing XNAT deletes what it runs, never the images
  volumes:
    archive:
      mountPath: /data/xnat/archive
      existingClaim: ${claims.archive}
      size: true   # the chart mounts a volume only when size is set; the claim's size is the tree's
    prearchive:
      mountPath: /data/xnat/prearchive
      existingClaim: ${claims.prearchive}
      size: true   # the chart mounts a volume only when size is set; the claim's size is the tree's
  dicom_scp:
    serviceType: ClusterIP
    recievers:
      - ae_title: XNAT
        port: 8104
