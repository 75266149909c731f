<#macro db name>
  database: ${name
</#macro>
