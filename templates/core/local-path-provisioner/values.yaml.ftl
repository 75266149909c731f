<#-- Rancher's local-path provisioner for StorageClass ${storage.localPath.className}: a folder per
     volume under ${storage.localPath.path} on the node that runs the pod. -->
storageClass:
  name: ${storage.localPath.className}
  defaultClass: false
nodePathMap:
  - node: DEFAULT_PATH_FOR_NON_LISTED_NODES
    paths: [${storage.localPath.path}]
helperImage:
  repository: docker.io/library/busybox
  tag: "1.37.0"
