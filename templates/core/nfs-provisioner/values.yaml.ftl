<#-- The NFS subdir provisioner for StorageClass ${storage.nfs.className}: a folder per volume on
     ${storage.nfs.server}:${storage.nfs.path}, kept (archived) when its claim is deleted. -->
nfs:
  server: ${storage.nfs.server}
  path: ${storage.nfs.path}
storageClass:
  name: ${storage.nfs.className}
  defaultClass: false
