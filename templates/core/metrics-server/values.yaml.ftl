<#-- metrics-server with the chart's defaults: a self-signed serving certificate made at run time. -->
