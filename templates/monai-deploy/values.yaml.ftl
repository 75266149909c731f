<#-- MONAI Deploy (bjw-s app-template): the informatics gateway and the workflow manager. Orthanc
     declares the gateway as a DICOM modality (AE MONAIDEPLOY) so studies can be sent to it; the
     gateway gets Orthanc's DICOMweb URL and credentials for results it sends back. The services'
     message broker and databases are the site's: point them at yours with a site template. -->
controllers:
  gateway:
    containers:
      main:
        image:
          repository: ${images.informaticsGateway.repository}
          tag: ${images.informaticsGateway.tag}
        env:
          InformaticsGateway__dicom__scp__port: "104"
          InformaticsGateway__dicom__scp__aeTitle: MONAIDEPLOY
          ORTHANC_DICOMWEB_URL: ${endpoints.orthancDicomWeb}
          ORTHANC_DICOMWEB_USERNAME: maia
          ORTHANC_DICOMWEB_PASSWORD:
            valueFrom:
              secretKeyRef:
                name: ${secrets.orthanc.http}
                key: password
        securityContext:
          allowPrivilegeEscalation: false
  manager:
    containers:
      main:
        image:
          repository: ${images.workflowManager.repository}
          tag: ${images.workflowManager.tag}
        env:
          ORTHANC_DICOMWEB_URL: ${endpoints.orthancDicomWeb}
        securityContext:
          allowPrivilegeEscalation: false
service:
  gateway:
    controller: gateway
    ports:
      http:
        port: 5000
      dicom:
        port: 104
  manager:
    controller: manager
    ports:
      http:
        port: 5000
# no Ingress of the chart's: the tool's Ingress leads to its login proxy (the catalog's login)
persistence:
  payloads:
    type: persistentVolumeClaim
    accessMode: ReadWriteOnce
    size: ${volumes.payloads}
    # the payloads stay when MONAI Deploy is removed (its Application deletes the rest)
    annotations:
      argocd.argoproj.io/sync-options: Delete=false
<#if storage.defaultClass?has_content>
    storageClass: ${storage.defaultClass}
</#if>
    advancedMounts:
      gateway:
        main:
          - path: /payloads
