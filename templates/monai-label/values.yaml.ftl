<#-- MONAI Label (bjw-s app-template): the projectmonai/monailabel image serving the radiology app on
     the studies of the project's Orthanc, through DICOMweb with Orthanc's HTTP credentials. It runs
     on CPU: the project's GPUs stay with its workspaces (a site template can give it one). -->
controllers:
  main:
    containers:
      main:
        image:
          repository: ${images.monailabel.repository}
          tag: ${images.monailabel.tag}
        command: [monailabel]
        args:
          - start_server
          - --app
          - /opt/monailabel/sample-apps/radiology
          - --studies
          - ${endpoints.orthancDicomWeb}
          - --conf
          - models
          - segmentation
          - --host
          - 0.0.0.0
          - --port
          - "8000"
        env:
          MONAI_LABEL_DICOMWEB_USERNAME: maia
          MONAI_LABEL_DICOMWEB_PASSWORD:
            valueFrom:
              secretKeyRef:
                name: ${secrets.orthanc.http}
                key: password
          MONAI_LABEL_DICOMWEB_CACHE_PATH: /data/cache
        securityContext:
          allowPrivilegeEscalation: false
service:
  main:
    controller: main
    ports:
      http:
        port: 8000
# no Ingress of the chart's: the tool's Ingress leads to its login proxy (the catalog's login)
persistence:
  data:
    type: persistentVolumeClaim
    accessMode: ReadWriteOnce
    size: ${volumes.data}
    # the data stays when MONAI Label is removed (its Application deletes the rest)
    annotations:
      argocd.argoproj.io/sync-options: Delete=false
<#if storage.defaultClass?has_content>
    storageClass: ${storage.defaultClass}
</#if>
    globalMounts:
      - path: /data
