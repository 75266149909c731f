<#-- The Sealed Secrets controller where kubeseal looks for it by default: sealed-secrets-controller
     in kube-system. Its sealing key is made by the controller at run time. -->
fullnameOverride: sealed-secrets-controller
