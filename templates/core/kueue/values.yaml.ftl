<#-- Kueue with the chart's defaults: its webhook's certificate is made by the manager at run time.
     The platform's queues, flavors and cohort are in the cluster overlay (gpu-policy.yaml), synced
     after it; its ServiceMonitor is left off, as Kueue syncs before the monitoring CRDs exist. -->
