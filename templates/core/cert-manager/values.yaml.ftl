<#-- cert-manager with its CRDs (kept when the chart is removed). Its leader election stays in its
     own namespace; the start-up check Job, a post-sync hook on every sync, is left out. -->
crds:
  enabled: true
  keep: true
global:
  leaderElection:
    namespace: ${component.namespace}
startupapicheck:
  enabled: false
