<#-- External Secrets operator with its CRDs. The webhook's certificate is made at run time by its
     cert-controller, so nothing random is rendered. -->
installCRDs: true
