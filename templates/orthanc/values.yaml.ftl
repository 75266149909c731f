<#-- Orthanc (FNNDSC chart) for one project: DICOM server with DICOMweb, HTTP basic auth (user maia,
     password from the Secret secrets.orthanc.http, substituted by Orthanc from the environment), the
     OHIF plugin when the project uses OHIF, and the project's DICOM peers. The chart has no Ingress:
     the platform renders one into the project namespace (ingress: platform in the catalog). -->
image:
  repository: ${images.orthanc.repository}
  tag: ${images.orthanc.tag}
persistence:
  # the index and the images stay when Orthanc is removed (its Application deletes the rest)
  index:
    enabled: true
    size: ${volumes.index}
    annotations:
      argocd.argoproj.io/sync-options: Delete=false
<#if storage.defaultClass?has_content>
    storageClass: ${storage.defaultClass}
</#if>
  storage:
    enabled: true
    size: ${volumes.storage}
    annotations:
      argocd.argoproj.io/sync-options: Delete=false
<#if storage.defaultClass?has_content>
    storageClass: ${storage.defaultClass}
</#if>
extraEnv:
  - name: ORTHANC_HTTP_PASSWORD
    valueFrom:
      secretKeyRef:
        name: ${secrets.orthanc.http}
        key: password
config:
  Name: ${project.name}
  DicomAet: ${tool.aeTitle!"ORTHANC"}
  DicomPort: 4242
  DicomCheckCalledAet: true
  DicomAlwaysAllowEcho: true
  DicomAlwaysAllowStore: false
  DicomAlwaysAllowFind: false
  DicomAlwaysAllowMove: false
  DicomModalities:
<#list tool.peers![] as peer>
    ${"peer-" + (peer?index + 1)}:
      AET: ${peer.aeTitle}
      Host: ${peer.host}
      Port: ${peer.port?c?no_esc}
      AllowEcho: true
      AllowStore: true
      AllowFind: true
      AllowMove: true
</#list>
<#if endpoints.monaiDeployDicom??>
    monai-deploy:
      AET: MONAIDEPLOY
      Host: ${endpoints.monaiDeployDicom}
      Port: 104
      AllowEcho: true
      AllowStore: true
</#if>
  AuthenticationEnabled: true
  RegisteredUsers:
    maia: ${r"${ORTHANC_HTTP_PASSWORD}"}
  Plugins:
    - /usr/local/share/orthanc/plugins/libConnectivityChecks.so
    - /usr/local/share/orthanc/plugins/libDelayedDeletion.so
    - /usr/local/share/orthanc/plugins/libHousekeeper.so
    - /usr/local/share/orthanc/plugins/libOrthancDicomWeb.so
    - /usr/local/share/orthanc/plugins/libOrthancGdcm.so
    - /usr/local/share/orthanc/plugins/libOrthancTransfers.so
    - /usr/local/share/orthanc/plugins/libOrthancExplorer2.so
<#if enabled.ohif??>
    - /usr/local/share/orthanc/plugins/libOrthancOHIF.so
  OHIF:
    DataSource: dicom-web
</#if>
  DicomWeb:
    Enable: true
    Root: /dicom-web/
