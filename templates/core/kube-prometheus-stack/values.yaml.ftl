<#-- Prometheus and Grafana; Alertmanager is left out: where alerts go (and the credentials that
     takes) is the site's, and its configuration would be a Secret made by the chart. Prometheus selects every ServiceMonitor of the cluster
     (the core components' and the GPU exporter's). Grafana's admin login is the Secret
     ${grafana.adminSecret}, from the secret store (never a value), and it loads every ConfigMap
     labelled grafana_dashboard, the GPU dashboard among them: both are in the cluster's core
     configuration, synced before this chart with the namespace. -->
crds:
  enabled: true
alertmanager:
  enabled: false
prometheus:
  prometheusSpec:
    serviceMonitorSelectorNilUsesHelmValues: false
    podMonitorSelectorNilUsesHelmValues: false
grafana:
  admin:
    existingSecret: ${grafana.adminSecret}
    userKey: admin-user
    passwordKey: admin-password
  sidecar:
    dashboards:
      enabled: true
      label: grafana_dashboard
      searchNamespace: ALL
