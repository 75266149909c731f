mode: standalone
persistence: &storage
  size: ${tool.size!"10Gi"}
  size: 20Gi
console:
  persistence: *storage
