<#-- ingress-nginx for IngressClass ${ingress.className}. The admission webhook's certificate is made
     by the chart's hook Jobs at each sync (kube-webhook-certgen), so nothing random is rendered. -->
controller:
  ingressClass: ${ingress.className}
  ingressClassResource:
    name: ${ingress.className}
    default: false
    controllerValue: k8s.io/ingress-nginx
  watchIngressWithoutClass: false
  service:
    type: LoadBalancer
<#if monitoring>
  metrics:
    enabled: true
    serviceMonitor:
      enabled: true
</#if>
