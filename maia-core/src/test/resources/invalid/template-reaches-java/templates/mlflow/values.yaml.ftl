<#assign code = "<#list 1..9 as i>${i}</#list>"?interpret>
replicas: ${"1+1"?eval}
