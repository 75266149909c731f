<#-- MLflow (community-charts) for one project: tracking server with basic auth, backend store in the
     chart's PostgreSQL, artifacts in the project's MinIO bucket, proxied through the server.
     Every credential is a reference to an existing Secret. -->
fullnameOverride: mlflow
service:
  port: 5000
extraArgs:
  staticPrefix: ${ingress.path}
serverAllowedHosts:
  - ${ingress.host}
  - ${serviceHosts.mlflow}
  - "mlflow:5000"
<#-- The chart's schema allows one database; every alternative is switched off explicitly. -->
backendStore:
  databaseMigration: true
  databaseConnectionCheck: true
  postgres:
    enabled: false
  mysql:
    enabled: false
mysql:
  enabled: false
postgresql:
  enabled: true
  auth:
    username: mlflow
    database: mlflow
    existingSecret: ${secrets.mlflow.database}
  primary:
    # the chart's policy lets the database reach any address, and be reached from any pod of any
    # namespace (the ingress controller's too); it needs DNS and its own namespace, both ways
    networkPolicy:
      allowExternalEgress: false
      allowExternal: false
      ingressNSMatchLabels:
        kubernetes.io/metadata.name: ${project.namespace}
    persistence:
      enabled: true
      size: ${volumes.database}
<#if storage.defaultClass?has_content>
      storageClass: ${storage.defaultClass}
</#if>
artifactRoot:
  proxiedArtifactStorage: true
  s3:
    enabled: true
    bucket: ${minio.bucket}
    path: mlflow
    existingSecret:
      name: ${secrets.minio.root}
      keyOfAccessKeyId: rootUser
      keyOfSecretAccessKey: rootPassword
extraEnvVars:
  MLFLOW_S3_ENDPOINT_URL: ${endpoints.minioS3}
<#-- the server's Flask key (sessions, CSRF) from the secret store: listed after the chart's own
     key Secret in envFrom, it wins -->
extraSecretNamesForEnvFrom:
  - ${secrets.mlflow.flask}
ldapAuth:
  enabled: false
auth:
  enabled: true
  existingAdminSecret:
    name: ${secrets.mlflow.admin}
    usernameKey: username
    passwordKey: password
# no Ingress of the chart's: the tool's Ingress leads to its login proxy (the catalog's login)
