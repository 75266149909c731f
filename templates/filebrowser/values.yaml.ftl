<#-- MAIA file browser (maia-filebrowser chart) on the project's shared volume.
     The login comes from the Secret secrets.filebrowser.login; no credential is written here. -->
fullnameOverride: filebrowser
image:
  repository: ${images.filebrowser.repository}
  tag: ${images.filebrowser.tag}
service:
  type: ClusterIP
  port: 80
env:
  - name: RUN_FILEBROWSER
    value: "True"
  - name: n_users
    value: "1"
  - name: user
    valueFrom:
      secretKeyRef:
        name: ${secrets.filebrowser.login}
        key: user
  - name: password
    valueFrom:
      secretKeyRef:
        name: ${secrets.filebrowser.login}
        key: password
  - name: FILEBROWSER_PATH
    value: ${ingress.path}
volumes:
  - name: shared
    persistentVolumeClaim:
      claimName: ${storage.sharedClaim}
volumeMounts:
  - name: shared
    mountPath: /home/shared
  - name: shared
    mountPath: /database
    subPath: .filebrowser
securityContext:
  allowPrivilegeEscalation: false
# no Ingress of the chart's: the tool's Ingress leads to its login proxy (the catalog's login)
