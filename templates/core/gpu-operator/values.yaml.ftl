<#-- The NVIDIA GPU operator. The device plugin gets one configuration per GPU product of the
     cluster (data key = the product), sharing its cards as gpus[].replicas and sharing say, so the
     GPUs the scheduler sees are the count x replicas the booking rules count. A node uses the
     configuration its label nvidia.com/device-plugin.config names, else the default (set when all
     products share alike). The CRD upgrade Job, a pre-sync hook on every sync, is left out: ArgoCD
     applies the CRDs. -->
driver:
  enabled: <#if gpu.driver>true<#else>false</#if>
operator:
  upgradeCRD: false
devicePlugin:
  config:
    create: true
    name: maia-device-plugin
<#if gpu.defaultConfig?has_content>
    default: ${gpu.defaultConfig}
</#if>
    data:
<#list gpu.configs as config>
      ${config.name}: ${config.text}
</#list>
<#if monitoring>
dcgmExporter:
  serviceMonitor:
    enabled: true
</#if>
