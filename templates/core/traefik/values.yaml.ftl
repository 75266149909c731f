<#-- Traefik for IngressClass ${ingress.className}, serving the platform's Ingresses. -->
ingressClass:
  enabled: true
  isDefaultClass: false
  name: ${ingress.className}
providers:
  kubernetesIngress:
    enabled: true
  kubernetesCRD:
    enabled: false
  kubernetesGateway:
    enabled: false
service:
  type: LoadBalancer
global:
  checkNewVersion: false
  sendAnonymousUsage: false
<#if monitoring>
<#-- the ServiceMonitor CRD comes from kube-prometheus-stack in an earlier wave; the chart's check of
     the cluster's API versions would refuse to render while ArgoCD renders before that wave ends -->
metrics:
  prometheus:
    disableAPICheck: true
    serviceMonitor:
      enabled: true
</#if>
