mode: standalone
environment:
  - name: MINIO_ROOT_PASSWORD
    value: "minio-root-1234"
