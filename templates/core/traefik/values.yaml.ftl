<#-- Traefik for IngressClass ${ingress.className}, serving the platform's Ingresses. -->
ingressClass:
  enabled: true
  isDefaultClass: false
  name: ${ingress.className}
providers:
  kubernetesIngress:
    enabled: true
  kubernetesGateway:
    enabled: false
service:
  type: LoadBalancer
global:
  checkNewVersion: false
  sendAnonymousUsage: false
<#if monitoring>
metrics:
  prometheus:
    serviceMonitor:
      enabled: true
</#if>
